package dev.cqrs.orders.command.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import dev.cqrs.orders.command.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs every handler and the relay for real and leaves nothing behind: no row, no idempotency key, no event
 * on the topic.
 */
class CommandWarmUpIT {

    @Test
    void warmsUpWithoutCommittingOrPublishingAnything() {
        String database = TestInfra.newDatabase("command_warm_up");
        try (RunningCommandService service = RunningCommandService.start(database, Map.of(
                "orders.warm-up.enabled", true, "orders.warm-up.orders", 40, "orders.warm-up.relay-events", 200));
             TopicReader topic = new TopicReader(database)) {
            CommandWarmUp.Run run = service.bean(CommandWarmUp.class).lastRun();
            assertThat(run.orders()).isEqualTo(40);
            // The only replica leads the relay: its warm-up events went through the relay before "ready".
            assertThat(run.relay().leading()).isTrue();
            assertThat(run.relay().acknowledged()).as("acknowledged by the relay").isEqualTo(200);
            for (String table : List.of("orders", "order_items", "outbox", "idempotency_keys")) {
                assertThat(service.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class)).as(table).isZero();
            }

            // The relay publishes in commit order: had a warm-up order committed, it would come before this one.
            String id = service.createOrder("after-warm-up");
            await().atMost(Duration.ofSeconds(60)).until(() -> !topic.poll().isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> topic.poll().size() == 1);
            List<ConsumerRecord<String, String>> records = topic.poll();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo(id);
            assertThat(records.get(0).offset()).isZero();
        }
    }
}
