package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /admin/relay on two replicas over real PostgreSQL, Debezium and Kafka: both name the same leader, found in PG. */
class RelayAdminIT {

    private static final Map<String, String> OPERATOR = Map.of("Authorization",
            "Basic " + java.util.Base64.getEncoder().encodeToString("operator:relay-secret".getBytes()));

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void bothReplicasNameTheLockHolderAsLeaderAndTheLeaderReportsItsProgress() {
        String database = TestInfra.newDatabase("relay_admin");
        Map<String, Object> fastPolls = Map.of("orders.relay.leader-poll-interval-ms", 500);
        try (RunningCommandService first = RunningCommandService.start(database, with(fastPolls, "replica-a"));
             RunningCommandService second = RunningCommandService.start(database, with(fastPolls, "replica-b"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> relay(first).path("leaderInstanceId").isString());
            String leaderId = relay(first).path("leaderInstanceId").asString();
            assertThat(leaderId).isIn("replica-a", "replica-b");
            RunningCommandService leading = leaderId.equals("replica-a") ? first : second;
            RunningCommandService standby = leading == first ? second : first;
            assertThat(leading.bean(RelayLeadership.class).isLeader()).as("the lock holder runs the relay").isTrue();
            assertThat(first.get("/admin/relay", Map.of()).statusCode()).as("operators only").isEqualTo(401);

            for (int i = 0; i < 3; i++) {
                standby.createOrder("admin-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> relay(leading).path("publishedCount").asLong() >= 3);

            JsonNode fromLeader = relay(leading);
            assertThat(fromLeader.path("instanceId").asString()).isEqualTo(leaderId);
            assertThat(fromLeader.path("leader").asBoolean()).isTrue();
            assertThat(fromLeader.path("state").asString()).isEqualTo("STREAMING");
            assertThat(fromLeader.path("lastPublishedAt").isString()).isTrue();
            assertThat(fromLeader.path("currentWalLsn").asString()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(fromLeader.path("confirmedFlushLsn").asString()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(fromLeader.path("lagBytes").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(fromLeader.path("oldestUnpublishedAgeSeconds").isNumber()).isTrue();
            assertThat(fromLeader.path("retainedBytes").asLong()).isPositive();
            assertThat(fromLeader.path("slotWalStatus").asString()).isEqualTo("reserved");

            JsonNode fromStandby = relay(standby);
            assertThat(fromStandby.path("leaderInstanceId").asString()).isEqualTo(leaderId);
            assertThat(fromStandby.path("instanceId").asString()).isNotEqualTo(leaderId);
            assertThat(fromStandby.path("leader").asBoolean()).isFalse();
            assertThat(fromStandby.path("state").asString()).isEqualTo("STOPPED");
            assertThat(fromStandby.path("publishedCount").asLong()).isZero();
            assertThat(fromStandby.path("oldestUnpublishedAgeSeconds").isNumber()).as("measured from the slot").isTrue();
            assertThat(fromStandby.path("retainedBytes").asLong()).isPositive();
            assertThat(fromStandby.path("slotWalStatus").asString()).isIn("reserved", "extended");

            leading.close();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> standby.get("/admin/relay", OPERATOR).body().contains("\"leaderInstanceId\":\"" + standby.bean(RelayInstance.class).id() + "\""));
        }
    }

    private JsonNode relay(RunningCommandService service) {
        var response = service.get("/admin/relay", OPERATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static Map<String, Object> with(Map<String, Object> base, String instanceId) {
        var props = new java.util.HashMap<>(base);
        props.put("orders.relay.instance-id", instanceId);
        props.put("orders.admin.users", "operator:relay-secret");
        return props;
    }
}
