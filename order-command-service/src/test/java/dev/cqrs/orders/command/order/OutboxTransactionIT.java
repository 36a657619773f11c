package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import dev.cqrs.orders.command.support.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves on a real PostgreSQL that the order, its items and its outbox row are one transaction, as the WAL
 * shows it (read with test_decoding, independently of Debezium), and that a rolled-back command publishes nothing.
 */
class OutboxTransactionIT {

    static String database;
    static RunningCommandService service;

    @BeforeAll
    static void start() {
        database = TestInfra.newDatabase("outbox_tx");
        service = RunningCommandService.start(database);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theOrderItsItemsAndItsOutboxRowCommitInOneTransaction() {
        String probe = database + "_probe";
        service.jdbc().queryForObject("SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'test_decoding')", String.class, probe);
        try {
            String orderId = service.createOrder("tx-customer");
            List<Map<String, Object>> changes = service.jdbc().queryForList(
                    "SELECT xid::text AS xid, data FROM pg_logical_slot_get_changes(?, NULL, NULL)", probe);

            String xid = changes.stream().filter(c -> data(c).startsWith("table public.orders: INSERT") && data(c).contains(orderId))
                    .map(c -> (String) c.get("xid")).findFirst().orElseThrow();
            List<String> transaction = changes.stream().filter(c -> xid.equals(c.get("xid"))).map(OutboxTransactionIT::data).toList();
            assertThat(transaction).first().asString().startsWith("BEGIN");
            assertThat(transaction).last().asString().startsWith("COMMIT");
            assertThat(transaction).anySatisfy(d -> assertThat(d).startsWith("table public.order_items: INSERT").contains(orderId));
            assertThat(transaction).anySatisfy(d -> assertThat(d).startsWith("table public.outbox: INSERT")
                    .contains("aggregateid[character varying]:'" + orderId + "'").contains("type[character varying]:'OrderCreated'"));
            // The row is gone once committed: the WAL keeps the insert for the relay, the table stays empty.
            assertThat(transaction).anySatisfy(d -> assertThat(d).startsWith("table public.outbox: DELETE"));
            assertThat(service.jdbc().queryForObject("SELECT count(*) FROM outbox", Integer.class)).isZero();
        } finally {
            service.jdbc().queryForObject("SELECT pg_drop_replication_slot(?)::text", String.class, probe);
        }
    }

    @Test
    void aRolledBackCommandLeavesNoRowAndPublishesNothing() {
        UnitOfWork unitOfWork = service.bean(UnitOfWork.class);
        UUID doomed = UUID.randomUUID();
        assertThatThrownBy(() -> unitOfWork.execute(orders -> {
            orders.add(Order.create(doomed, new CreateOrder("doomed", "EUR", List.of(new OrderLine("X", 1, 1)))));
            throw new IllegalStateException("the command fails after writing");
        })).hasMessageContaining("fails after writing");

        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM orders WHERE id = ?", Integer.class, doomed)).isZero();
        // A later command's event reaching Kafka shows the relay has passed the point where the doomed one would be.
        String marker = service.createOrder("marker");
        try (TopicReader reader = new TopicReader(database)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).contains(marker));
            assertThat(keys(reader)).doesNotContain(doomed.toString());
        }
    }

    private static Set<String> keys(TopicReader reader) {
        return reader.poll().stream().map(r -> r.key()).collect(Collectors.toSet());
    }

    private static String data(Map<String, Object> change) {
        return (String) change.get("data");
    }
}
