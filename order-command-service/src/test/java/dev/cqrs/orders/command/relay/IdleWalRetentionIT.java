package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import dev.cqrs.orders.command.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An idle outbox in a busy database, on real PostgreSQL, Debezium and Kafka: another table of the same database is
 * written steadily and no orders come in. With the heartbeat the slot keeps little WAL and the relay's figures stay
 * small; without it (the planted defect) the slot retains every byte. Duration and write rate are system properties
 * ({@code relay.idle.seconds}, default 120; {@code relay.idle.kib-per-second}, default 256).
 */
class IdleWalRetentionIT {

    private static final long BOUND_BYTES = 16L * 1024 * 1024;
    private static final Duration IDLE = Duration.ofSeconds(Long.getLong("relay.idle.seconds", 120));
    private static final int KIB_PER_SECOND = Integer.getInteger("relay.idle.kib-per-second", 256);
    /** Heartbeat (5 s default) plus sampling (1 s here) plus slack: an idle outbox must read as caught up within this. */
    private static final double IDLE_AGE_BOUND_SECONDS = 30;

    @Test
    void theHeartbeatKeepsTheRetainedWalBoundedAndPublishesEveryEventExactlyOnce() {
        String database = TestInfra.newDatabase("idle_wal");
        List<String> orders = new ArrayList<>();
        try (TopicReader reader = new TopicReader(database)) {
            try (RunningCommandService service = RunningCommandService.start(database, Map.of("orders.relay.metrics-interval-ms", 1000))) {
                for (int i = 0; i < 3; i++) {
                    orders.add(service.createOrder("before-idle-" + i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));

                SlotFigures figures = writeElsewhereWhileIdle(service, database, jdbc -> {
                    await().during(IDLE).atMost(IDLE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> SlotFigures.sample(jdbc, database).retainedBytes() < BOUND_BYTES);
                });
                System.out.printf("[idle-wal] heartbeat on: %d s of other-table writes, %s%n", IDLE.toSeconds(), figures);
                assertThat(figures.maxRetainedBytes()).isLessThan(BOUND_BYTES);
                assertThat(figures.maxUnconfirmedBytes()).isLessThan(BOUND_BYTES);
                assertThat(figures.writtenBytes()).as("the writer really wrote more WAL than the bound")
                        .isGreaterThan(BOUND_BYTES);
                RelayMetrics metrics = service.bean(RelayMetrics.class);
                double age = metrics.unpublishedAgeSeconds(metrics.walLagBytes());
                System.out.printf("[idle-wal] heartbeat on: relay figures at the end: %d bytes unconfirmed, oldest"
                        + " unconfirmed WAL %.1f s old%n", metrics.walLagBytes(), age);
                assertThat(age).as("an idle outbox reads as caught up, not as old as the last order").isLessThan(IDLE_AGE_BOUND_SECONDS);
            }
            // A restart resumes from the offset the heartbeats stored: nothing before the idle period comes again.
            try (RunningCommandService service = RunningCommandService.start(database)) {
                String after = service.createOrder("after-idle");
                orders.add(after);
                assertThat(service.post("/orders/" + after + "/confirm", null).statusCode()).isEqualTo(204);
                int expected = orders.size() + 1;
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= expected);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> reader.poll().size() == expected);
            }
            List<ConsumerRecord<String, String>> records = reader.poll();
            Map<String, Long> perEventId = records.stream()
                    .collect(Collectors.groupingBy(r -> header(r, "eventId"), Collectors.counting()));
            assertThat(perEventId.values()).as("every event exactly once; heartbeats are never published").allMatch(n -> n == 1);
            assertThat(records).extracting(ConsumerRecord::key).containsOnlyElementsOf(orders);
            assertThat(keys(reader)).containsExactlyInAnyOrderElementsOf(orders);
        }
    }

    @Test
    void withoutTheHeartbeatTheSlotRetainsTheOtherTablesWalBeyondTheBound() {
        String database = TestInfra.newDatabase("idle_wal_nohb");
        try (TopicReader reader = new TopicReader(database);
             RunningCommandService service = RunningCommandService.start(database,
                     Map.of("orders.relay.heartbeat-interval-ms", 0, "orders.relay.metrics-interval-ms", 1000))) {
            String order = service.createOrder("before-idle");
            await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).contains(order));

            SlotFigures figures = writeElsewhereWhileIdle(service, database, jdbc -> {
                await().atMost(IDLE).pollInterval(Duration.ofSeconds(1))
                        .until(() -> SlotFigures.sample(jdbc, database).retainedBytes() > BOUND_BYTES);
            });
            System.out.printf("[idle-wal] heartbeat off: %s%n", figures);
            RelayMetrics metrics = service.bean(RelayMetrics.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.unpublishedAgeSeconds(metrics.walLagBytes()) > IDLE_AGE_BOUND_SECONDS);
            System.out.printf("[idle-wal] heartbeat off: relay figures: %d bytes unconfirmed, oldest unconfirmed WAL"
                    + " %.1f s old%n", metrics.walLagBytes(), metrics.unpublishedAgeSeconds(metrics.walLagBytes()));
        }
    }

    /** Inserts about KIB_PER_SECOND of rows into another table while {@code during} runs; answers the slot's figures. */
    private static SlotFigures writeElsewhereWhileIdle(RunningCommandService service, String slot, Consumer<JdbcTemplate> during) {
        JdbcTemplate jdbc = service.jdbc();
        jdbc.execute("CREATE TABLE IF NOT EXISTS busy_neighbour (id bigserial PRIMARY KEY, payload text NOT NULL)");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT active FROM pg_replication_slots WHERE slot_name = ?", Boolean.class, slot)));
        long startLsn = SlotFigures.currentLsn(jdbc);
        AtomicLong maxRetained = new AtomicLong();
        AtomicLong maxUnconfirmed = new AtomicLong();
        // 1 KiB rows of md5 text (too short for TOAST compression), a tenth of a second's worth every 100 ms.
        int rowsPerTick = Math.max(1, KIB_PER_SECOND / 10);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> {
            jdbc.update("INSERT INTO busy_neighbour (payload) SELECT repeat(md5(random()::text), 32) FROM generate_series(1, ?)",
                    rowsPerTick);
            SlotFigures.Sample sample = SlotFigures.sample(jdbc, slot);
            maxRetained.accumulateAndGet(sample.retainedBytes(), Math::max);
            maxUnconfirmed.accumulateAndGet(sample.unconfirmedBytes(), Math::max);
        }, 0, 100, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            during.accept(jdbc);
        } finally {
            writer.shutdownNow();
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        return new SlotFigures(SlotFigures.currentLsn(jdbc) - startLsn, seconds, maxRetained.get(), maxUnconfirmed.get(),
                SlotFigures.sample(jdbc, slot));
    }

    /** What the slot kept while the neighbour table was written. */
    private record SlotFigures(long writtenBytes, long seconds, long maxRetainedBytes, long maxUnconfirmedBytes, Sample last) {

        record Sample(long retainedBytes, long unconfirmedBytes) {
        }

        static long currentLsn(JdbcTemplate jdbc) {
            return jdbc.queryForObject("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", Long.class);
        }

        /** pg_wal_lsn_diff from the newest WAL position to the slot's restart_lsn (retained) and confirmed_flush_lsn. */
        static Sample sample(JdbcTemplate jdbc, String slot) {
            return jdbc.queryForObject("""
                    SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
                           pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
                    FROM pg_replication_slots WHERE slot_name = ?""",
                    (rs, row) -> new Sample(rs.getLong(1), rs.getLong(2)), slot);
        }

        @Override
        public String toString() {
            return String.format("WAL written %.1f MB in %d s (%.0f KB/s); retained by the slot (restart_lsn) max %.2f MB,"
                            + " last %.2f MB; unconfirmed (confirmed_flush_lsn) max %.2f MB, last %.2f MB",
                    mb(writtenBytes), seconds, writtenBytes / 1024.0 / seconds, mb(maxRetainedBytes), mb(last.retainedBytes()),
                    mb(maxUnconfirmedBytes), mb(last.unconfirmedBytes()));
        }

        private static double mb(long bytes) {
            return bytes / 1024.0 / 1024.0;
        }
    }

    private static Set<String> keys(TopicReader reader) {
        return reader.poll().stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
