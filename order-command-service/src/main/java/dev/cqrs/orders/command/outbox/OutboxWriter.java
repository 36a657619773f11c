package dev.cqrs.orders.command.outbox;

import java.sql.Timestamp;
import java.util.List;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the outbox table inside the caller's transaction, so they commit or roll back with the
 * state change. Rows are deleted again in the same transaction: the WAL keeps the insert, which is all
 * Debezium reads, and the table never grows (the publication publishes inserts only).
 */
@Component
public class OutboxWriter {

    /** The type of outbox rows that only warm up the relay (see {@link #appendRelayWarmUp}); no event has it. */
    public static final String RELAY_WARM_UP_TYPE = "RelayWarmUp";

    private static final String INSERT = "INSERT INTO outbox (id, aggregatetype, aggregateid, type, timestamp, payload,"
            + " aggregate_version, schema_version, traceparent) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final CurrentTraceparent traceparent;

    OutboxWriter(JdbcTemplate jdbc, EventCodec codec, CurrentTraceparent traceparent) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.traceparent = traceparent;
    }

    /** Writes the envelopes in order; must run inside the transaction that changes the aggregate. */
    public void append(List<EventEnvelope> envelopes) {
        append(envelopes, null);
    }

    /**
     * Writes the envelopes as rows of type {@value #RELAY_WARM_UP_TYPE}, which the relay reads and acknowledges but
     * never publishes: they take its cold code through decoding and routing before the first real event comes.
     */
    public void appendRelayWarmUp(List<EventEnvelope> envelopes) {
        append(envelopes, RELAY_WARM_UP_TYPE);
    }

    private void append(List<EventEnvelope> envelopes, String type) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox rows must be written in the transaction of the state change");
        }
        if (envelopes.isEmpty()) {
            return;
        }
        String trace = traceparent.get();
        jdbc.batchUpdate(INSERT, envelopes, envelopes.size(), (ps, envelope) -> {
            ps.setObject(1, envelope.eventId());
            ps.setString(2, OrderEvent.AGGREGATE_TYPE);
            ps.setString(3, envelope.aggregateId().toString());
            ps.setString(4, type != null ? type : envelope.eventType());
            ps.setTimestamp(5, Timestamp.from(envelope.occurredAt()));
            ps.setString(6, codec.encode(envelope));
            ps.setLong(7, envelope.aggregateVersion());
            ps.setInt(8, envelope.schemaVersion());
            ps.setString(9, trace);
        });
        jdbc.batchUpdate("DELETE FROM outbox WHERE id = ?", envelopes, envelopes.size(),
                (ps, envelope) -> ps.setObject(1, envelope.eventId()));
    }
}
