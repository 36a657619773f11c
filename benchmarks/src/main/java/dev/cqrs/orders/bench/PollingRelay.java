package dev.cqrs.orders.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The classic alternative to log-based capture, for P2's comparison: a polling outbox relay. Every 100 ms it takes up
 * to {@link #BATCH} rows with {@code SELECT … ORDER BY seq LIMIT n FOR UPDATE SKIP LOCKED}, sends them to Kafka
 * (same key, value and headers as our relay, same producer settings), waits for the acks, deletes them and commits.
 * A full batch is followed by the next poll at once; otherwise it sleeps the interval.
 *
 * <p>The rows come from {@link #install}: a BEFORE INSERT trigger on {@code outbox} puts every row the command service
 * writes there into {@code bench_polling_outbox} instead (and skips the outbox insert, so the service's same-transaction
 * DELETE finds nothing and the WAL carries no outbox event for Debezium to publish later). That table keeps its rows
 * until this relay deletes them: a polling outbox. The command service runs with {@code RELAY_ENABLED=false}
 * meanwhile, so only this relay publishes.
 */
final class PollingRelay implements AutoCloseable {

    static final int BATCH = 500;
    static final long INTERVAL_MS = 100;
    static final String TABLE = "bench_polling_outbox";

    private final String jdbcUrl;
    private final String topic;
    private final Producer<String, String> producer;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;
    private long delaySumMs;
    private long delayCount;

    PollingRelay(String jdbcUrl, String bootstrap, String topic) {
        this.jdbcUrl = jdbcUrl;
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-polling-relay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::loop, "polling-relay");
        thread.setDaemon(true);
    }

    /** The table, the trigger that fills it from every outbox insert, and nothing else. */
    static void install(String jdbcUrl) throws SQLException {
        Databases.execute(jdbcUrl,
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (seq bigserial PRIMARY KEY, id uuid NOT NULL,"
                        + " aggregateid varchar(64) NOT NULL, type varchar(64) NOT NULL, timestamp timestamptz NOT NULL,"
                        + " payload jsonb NOT NULL, aggregate_version bigint NOT NULL, traceparent varchar(55))",
                "CREATE OR REPLACE FUNCTION bench_copy_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO " + TABLE + " (id, aggregateid, type, timestamp, payload, aggregate_version, traceparent)"
                        + " VALUES (NEW.id, NEW.aggregateid, NEW.type, NEW.timestamp, NEW.payload, NEW.aggregate_version,"
                        + " NEW.traceparent); RETURN NULL; END $$",
                "DROP TRIGGER IF EXISTS bench_copy_outbox ON outbox",
                "CREATE TRIGGER bench_copy_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION bench_copy_outbox()");
    }

    static void uninstall(String jdbcUrl) throws SQLException {
        Databases.execute(jdbcUrl, "DROP TRIGGER IF EXISTS bench_copy_outbox ON outbox",
                "DROP FUNCTION IF EXISTS bench_copy_outbox()", "DROP TABLE IF EXISTS " + TABLE);
    }

    void start() {
        thread.start();
    }

    long published() {
        return published.get();
    }

    /** From each event's timestamp (the command's clock reading) until its ack and the DELETE committed, like our relay's timer. */
    synchronized ServiceMetrics.Timer delay() {
        return new ServiceMetrics.Timer(delaySumMs / 1000.0, delayCount);
    }

    private void loop() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, Databases.USER, "")) {
            connection.setAutoCommit(false);
            PreparedStatement select = connection.prepareStatement("SELECT seq, id, aggregateid, type, timestamp,"
                    + " payload::text, aggregate_version, traceparent FROM " + TABLE
                    + " ORDER BY seq LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
            PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE seq = ANY (?)");
            while (running) {
                int sent = pollOnce(connection, select, delete);
                if (sent < BATCH) {
                    Thread.sleep(INTERVAL_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    private int pollOnce(Connection connection, PreparedStatement select, PreparedStatement delete) throws Exception {
        List<Long> seqs = new ArrayList<>();
        List<Long> occurred = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, rs.getString(3), rs.getString(6));
                header(record, "eventId", rs.getString(2));
                header(record, "eventType", rs.getString(4));
                header(record, "aggregateVersion", Long.toString(rs.getLong(7)));
                Timestamp occurredAt = rs.getTimestamp(5);
                occurred.add(occurredAt.getTime());
                header(record, "occurredAt", occurredAt.toInstant().toString());
                header(record, "traceparent", rs.getString(8));
                acks.add(producer.send(record));
            }
        }
        if (seqs.isEmpty()) {
            connection.commit();
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        Array array = connection.createArrayOf("bigint", seqs.toArray());
        delete.setArray(1, array);
        delete.executeUpdate();
        connection.commit();
        published.addAndGet(seqs.size());
        long now = System.currentTimeMillis();
        synchronized (this) {
            for (long occurredAt : occurred) {
                delaySumMs += now - occurredAt;
            }
            delayCount += occurred.size();
        }
        return seqs.size();
    }

    private static void header(ProducerRecord<String, String> record, String key, String value) {
        if (value != null) {
            record.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(10_000);
        producer.close();
        if (failure != null) {
            throw new IllegalStateException("the polling relay failed: " + failure, failure);
        }
    }
}
