package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import dev.cqrs.orders.command.support.TopicReader;
import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The relay on real PostgreSQL, Debezium and Kafka: what it publishes, in which order, and that restarts lose nothing. */
class RelayIT {

    private final EventCodec codec = new EventCodec();

    @Test
    void publishesEachEventKeyedByOrderWithItsHeadersAndInOrder() {
        String database = TestInfra.newDatabase("relay_shape");
        try (RunningCommandService service = RunningCommandService.start(database);
             TopicReader reader = new TopicReader(database)) {
            String orderId = service.createOrder("c-1");
            assertThat(service.post("/orders/" + orderId + "/confirm", null).statusCode()).isEqualTo(204);
            assertThat(service.post("/orders/" + orderId + "/ship", null).statusCode()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= 3);
            List<ConsumerRecord<String, String>> records = reader.poll();
            assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.key()).isEqualTo(orderId));
            assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
            List<EventEnvelope> envelopes = records.stream().map(r -> codec.decode(r.value())).toList();
            assertThat(envelopes).extracting(EventEnvelope::eventType).containsExactly("OrderCreated", "OrderConfirmed", "OrderShipped");
            assertThat(envelopes).extracting(EventEnvelope::aggregateVersion).containsExactly(1L, 2L, 3L);
            for (int i = 0; i < records.size(); i++) {
                assertThat(header(records.get(i), "eventId")).isEqualTo(envelopes.get(i).eventId().toString());
                assertThat(header(records.get(i), "eventType")).isEqualTo(envelopes.get(i).eventType());
                assertThat(header(records.get(i), "aggregateVersion")).isEqualTo(String.valueOf(i + 1));
            }
        }
    }

    @Test
    void carriesTheRequestsTraceAndTheCommitTimeAsHeaders() {
        String database = TestInfra.newDatabase("relay_trace");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (RunningCommandService service = RunningCommandService.start(database);
             TopicReader reader = new TopicReader(database)) {
            var response = service.post("/orders", "{\"customerId\":\"t\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}",
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
            assertThat(response.statusCode()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.poll().isEmpty());
            ConsumerRecord<String, String> record = reader.poll().get(0);
            // The command's span is a child of the caller's: same trace id, a new span id.
            assertThat(header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            EventEnvelope envelope = codec.decode(record.value());
            assertThat(java.time.Instant.parse(header(record, "occurredAt"))).isEqualTo(envelope.occurredAt());
        }
    }

    @Test
    void resumesAfterARestartFromItsDurableOffsetWithoutLoss() {
        String database = TestInfra.newDatabase("relay_restart");
        List<String> orders = new ArrayList<>();
        try (TopicReader reader = new TopicReader(database)) {
            try (RunningCommandService service = RunningCommandService.start(database)) {
                for (int i = 0; i < 5; i++) {
                    orders.add(service.createOrder("before-" + i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));
            }
            // Commands keep committing while no relay runs: their events must wait in the WAL, not vanish.
            try (RunningCommandService withoutRelay = RunningCommandService.start(database, Map.of("orders.relay.enabled", false))) {
                for (int i = 0; i < 5; i++) {
                    orders.add(withoutRelay.createOrder("while-down-" + i));
                }
            }
            try (RunningCommandService service = RunningCommandService.start(database)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));
                assertThat(service.jdbc().queryForObject("SELECT count(*) FROM relay_offsets", Integer.class)).isPositive();
            }
            Set<String> eventIds = reader.poll().stream().map(r -> header(r, "eventId")).collect(Collectors.toSet());
            assertThat(eventIds).hasSize(orders.size());
        }
    }

    @Test
    void drainsABacklogInPipelinedBatchesInOrderWithoutLossOrDuplicates() {
        String database = TestInfra.newDatabase("relay_backlog");
        List<String> orders = new ArrayList<>();
        try (TopicReader reader = new TopicReader(database)) {
            try (RunningCommandService withoutRelay = RunningCommandService.start(database, Map.of("orders.relay.enabled", false))) {
                for (int i = 0; i < 40; i++) {
                    String orderId = withoutRelay.createOrder("backlog-" + i);
                    assertThat(withoutRelay.post("/orders/" + orderId + "/confirm", null).statusCode()).isEqualTo(204);
                    assertThat(withoutRelay.post("/orders/" + orderId + "/ship", null).statusCode()).isEqualTo(204);
                    orders.add(orderId);
                }
            }
            // Batches of 8 from a backlog of 120 events: full ones, each left in flight while the next is prepared.
            try (RunningCommandService service = RunningCommandService.start(database, Map.of("orders.relay.max-batch-size", 8))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> keys(reader).containsAll(orders));
                // A batch that is not full acknowledges everything before it, so the stop below stores every offset.
                orders.add(service.createOrder("after-the-backlog"));
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));
            }
            try (RunningCommandService service = RunningCommandService.start(database, Map.of("orders.relay.max-batch-size", 8))) {
                orders.add(service.createOrder("after-the-restart"));
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));
            }
            List<ConsumerRecord<String, String>> records = reader.poll();
            assertThat(records.stream().map(r -> header(r, "eventId")).distinct().count())
                    .as("each event once: nothing published again after the restart").isEqualTo(records.size());
            assertThat(records).hasSize(40 * 3 + 2);
            Map<String, List<Long>> versionsByOrder = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> Long.parseLong(header(r, "aggregateVersion")), Collectors.toList())));
            assertThat(versionsByOrder).hasSize(orders.size());
            versionsByOrder.forEach((order, versions) -> assertThat(versions).as(order).isSorted());
        }
    }

    @Test
    void survivesAPostgresRestartAndKeepsPublishing() {
        String database = TestInfra.newDatabase("relay_pg_restart");
        try (RunningCommandService service = RunningCommandService.start(database);
             TopicReader reader = new TopicReader(database)) {
            String before = service.createOrder("before");
            await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).contains(before));

            TestInfra.restartPostgres();

            // The pool and the relay reconnect on their own; the first command may meet a stale connection.
            String[] after = new String[1];
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> (after[0] = service.createOrder("after")) != null);
            await().atMost(Duration.ofSeconds(60)).until(() -> keys(reader).contains(after[0]));
        }
    }

    @Test
    void refusesToStartWhenTheSlotIsGoneButOffsetsExist() {
        String database = TestInfra.newDatabase("relay_lost_slot");
        publishOneOrderAndStoreOffsets(database);
        // Without a relay the guard still runs; with the slot present it lets the service start.
        try (RunningCommandService admin = RunningCommandService.start(database, Map.of("orders.relay.enabled", false))) {
            admin.jdbc().queryForObject("SELECT pg_drop_replication_slot(?)::text", String.class, database);
        }
        assertThatThrownBy(() -> RunningCommandService.start(database))
                .hasStackTraceContaining("Refusing to start");
    }

    @Test
    void refusesToStartWhenTheSlotWasRecreatedBehindItsBack() {
        String database = TestInfra.newDatabase("relay_recreated_slot");
        publishOneOrderAndStoreOffsets(database);
        try (RunningCommandService admin = RunningCommandService.start(database, Map.of("orders.relay.enabled", false))) {
            // Someone drops the slot, WAL moves on (events committed now would be lost), and a new slot appears.
            admin.jdbc().queryForObject("SELECT pg_drop_replication_slot(?)::text", String.class, database);
            admin.jdbc().execute("CREATE TABLE wal_moves_on (id int); INSERT INTO wal_moves_on VALUES (1)");
            admin.jdbc().queryForObject("SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')", String.class, database);
        }
        assertThatThrownBy(() -> RunningCommandService.start(database))
                .hasStackTraceContaining("the slot was recreated");
    }

    /** Runs the service until one order is on the topic and the relay has stored its offsets, then stops it. */
    private static void publishOneOrderAndStoreOffsets(String database) {
        try (RunningCommandService service = RunningCommandService.start(database);
             TopicReader reader = new TopicReader(database)) {
            String orderId = service.createOrder("c");
            await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).contains(orderId));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    service.jdbc().queryForObject("SELECT count(*) FROM relay_offsets", Integer.class) > 0);
        }
    }

    private static Set<String> keys(TopicReader reader) {
        return reader.poll().stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
