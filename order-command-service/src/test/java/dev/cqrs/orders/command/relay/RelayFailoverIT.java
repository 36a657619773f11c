package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import dev.cqrs.orders.command.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Two replicas of the command service: exactly one runs the relay, and the other takes over when it goes. */
class RelayFailoverIT {

    @Test
    void exactlyOneReplicaLeadsAndAStandbyTakesOverWithoutLoss() {
        String database = TestInfra.newDatabase("relay_failover");
        Map<String, Object> fastPolls = Map.of("orders.relay.leader-poll-interval-ms", 500);
        List<String> orders = new ArrayList<>();
        try (TopicReader reader = new TopicReader(database)) {
            RunningCommandService first = RunningCommandService.start(database, fastPolls);
            try (RunningCommandService second = RunningCommandService.start(database, fastPolls)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> leader(first) || leader(second));
                assertThat(leader(first) && leader(second)).as("both replicas lead").isFalse();
                RunningCommandService leading = leader(first) ? first : second;
                RunningCommandService standby = leading == first ? second : first;

                for (int i = 0; i < 5; i++) {
                    orders.add(first.createOrder("via-first-" + i));
                    orders.add(second.createOrder("via-second-" + i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));

                long stoppedAt = System.nanoTime();
                leading.close();
                for (int i = 0; i < 5; i++) {
                    orders.add(standby.createOrder("after-failover-" + i));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> leader(standby));
                long takeoverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                System.out.printf("relay takeover after a graceful stop of the leader: %d ms%n", takeoverMs);
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(reader).containsAll(orders));
            } finally {
                first.close();
            }
            Set<String> eventIds = reader.poll().stream().map(r -> new String(r.headers().lastHeader("eventId").value()))
                    .collect(Collectors.toSet());
            assertThat(eventIds).hasSize(orders.size());
        }
    }

    private static boolean leader(RunningCommandService service) {
        try {
            return service.bean(RelayLeadership.class).isLeader();
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    private static Set<String> keys(TopicReader reader) {
        return reader.poll().stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }
}
