package dev.cqrs.orders.command.relay;

import java.util.Properties;

import org.postgresql.Driver;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/** The Debezium engine's settings: Postgres connector on pgoutput, reading only the outbox, routed by the EventRouter. */
final class DebeziumConfig {

    /** Inserted and deleted in one transaction, as the outbox rows are: the table stays empty, the WAL has the insert. */
    static final String HEARTBEAT_QUERY = "INSERT INTO relay_heartbeat (beat_at) VALUES (now()); DELETE FROM relay_heartbeat";

    private DebeziumConfig() {
    }

    static Properties of(RelayProperties relay, DataSourceProperties dataSource) {
        Properties db = Driver.parseURL(dataSource.getUrl(), null);
        if (db == null) {
            throw new IllegalStateException("cannot read host, port and database from " + dataSource.getUrl());
        }
        String password = dataSource.getPassword() == null ? "" : dataSource.getPassword();
        Properties props = new Properties();
        props.setProperty("name", "order-outbox-relay");
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        // The prefix names the offsets' partition and Debezium's JMX beans: one per slot keeps relays of different
        // slots in one JVM (tests, or a second database) from waiting on each other's metrics registration.
        props.setProperty("topic.prefix", relay.slotName());

        props.setProperty("offset.storage", JdbcOffsetBackingStore.class.getName());
        props.setProperty(JdbcOffsetBackingStore.URL, dataSource.getUrl());
        props.setProperty(JdbcOffsetBackingStore.USER, dataSource.getUsername());
        props.setProperty(JdbcOffsetBackingStore.PASSWORD, password);
        props.setProperty("offset.flush.interval.ms", String.valueOf(relay.offsetFlushIntervalMs()));

        props.setProperty("database.hostname", db.getProperty("PGHOST", "localhost").split(",")[0]);
        props.setProperty("database.port", db.getProperty("PGPORT", "5432").split(",")[0]);
        props.setProperty("database.dbname", db.getProperty("PGDBNAME"));
        props.setProperty("database.user", dataSource.getUsername());
        props.setProperty("database.password", password);
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", relay.slotName());
        props.setProperty("publication.name", relay.publicationName());
        // The migration owns the publication (inserts only); Debezium must not widen it.
        props.setProperty("publication.autocreate.mode", "disabled");
        props.setProperty("table.include.list", "public.outbox");
        // The outbox table is always empty after commit; history lives in the WAL, kept by the slot.
        props.setProperty("snapshot.mode", "no_data");
        props.setProperty("poll.interval.ms", String.valueOf(relay.pollIntervalMs()));
        props.setProperty("max.batch.size", String.valueOf(relay.maxBatchSize()));
        props.setProperty("max.queue.size", String.valueOf(relay.maxBatchSize() * 4));
        props.setProperty("status.update.interval.ms", "1000");
        if (relay.heartbeatIntervalMs() > 0) {
            // The heartbeat row is in the publication but not in table.include.list: Debezium reads it (its offset,
            // and so the slot, moves) without emitting a change event; the heartbeat record it emits instead is
            // skipped by KafkaEventPublisher.
            props.setProperty("heartbeat.interval.ms", String.valueOf(relay.heartbeatIntervalMs()));
            props.setProperty("heartbeat.action.query", HEARTBEAT_QUERY);
        }

        props.setProperty("transforms", "outbox");
        props.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        props.setProperty("transforms.outbox.route.topic.replacement", relay.topic());
        props.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        props.setProperty("transforms.outbox.table.fields.additional.placement",
                "id:header:eventId,type:header:eventType,aggregate_version:header:aggregateVersion,"
                        + "timestamp:header:occurredAt,traceparent:header:traceparent");
        return props;
    }
}
