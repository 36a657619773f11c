package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.local.Ports;
import tools.jackson.databind.JsonNode;

/**
 * Two command-service processes share one database: exactly one runs the relay. kill -9 of the leader hands the
 * relay to the other within the documented bound, and every acknowledged order still reaches the read side once.
 */
@EndToEnd
class RelayFailoverIT {

    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String authorization;

    @Test
    void killingTheLeadingReplicaHandsTheRelayToTheStandbyWithoutLoss(OrdersApi primaryApi, LocalSystem system) throws Exception {
        authorization = system.adminAuthorization();
        int standbyPort = Ports.free();
        String standbyUrl = "http://127.0.0.1:" + standbyPort;
        Process standby = startStandby(system, standbyPort);
        boolean primaryKilled = false;
        try {
            await("standby ready").atMost(Duration.ofSeconds(120)).until(() -> status(standbyUrl + "/actuator/health/readiness") == 200);
            await("exactly one leader").atMost(TAKEOVER_BOUND).until(() -> leads(system.commandUrl()) ^ leads(standbyUrl));

            OrdersApi standbyApi = new OrdersApi(standbyUrl, system.queryUrl(), system.staffAuthorization());
            String customer = Eventually.newCustomer("failover");
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acknowledged.add(primaryApi.createdOrder(customer, "EUR", List.of(new Item("P-" + i, 1, 100))));
                acknowledged.add(standbyApi.createdOrder(customer, "EUR", List.of(new Item("S-" + i, 1, 100))));
            }

            primaryKilled = leads(system.commandUrl());
            String survivorUrl = primaryKilled ? standbyUrl : system.commandUrl();
            long killedAt = System.nanoTime();
            if (primaryKilled) {
                system.kill(Component.COMMAND);
            } else {
                standby.destroyForcibly().waitFor();
            }
            await("the survivor leads").atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> leads(survivorUrl));
            long takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("[e2e] relay takeover after kill -9 of the leader: %d ms%n", takeoverMs);

            OrdersApi survivor = primaryKilled ? standbyApi : primaryApi;
            for (int i = 0; i < 5; i++) {
                acknowledged.add(survivor.createdOrder(customer, "EUR", List.of(new Item("A-" + i, 1, 100))));
            }
            for (String id : acknowledged) {
                assertThat(Eventually.visibleAt(primaryApi, id, 1).path("totalCents").asLong()).isEqualTo(100);
            }
            List<String> listed = await("all orders listed").atMost(Eventually.VISIBLE_WITHIN)
                    .until(() -> primaryApi.listAll("customerId=" + customer).stream().map(n -> n.path("orderId").asString()).toList(),
                            ids -> ids.size() >= acknowledged.size());
            assertThat(listed).containsExactlyInAnyOrderElementsOf(acknowledged);
        } finally {
            if (primaryKilled) {
                system.start(Component.COMMAND);
            }
            standby.destroy();
            standby.waitFor();
        }
        await("the primary leads again").atMost(TAKEOVER_BOUND.multipliedBy(2)).until(() -> leads(system.commandUrl()));
    }

    private static Process startStandby(LocalSystem system, int port) throws IOException {
        Path log = system.logDir().resolve("command-standby.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("e2e.commandJar",
                "../order-command-service/target/order-command-service-0.1.0-SNAPSHOT-exec.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("COMMAND_PORT", String.valueOf(port));
        env.put("DB_URL", system.jdbcUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", system.kafkaBootstrapServers());
        env.put("RELAY_LEADER_POLL_INTERVAL_MS", "1000");
        env.put("ADMIN_USERS", system.adminUser() + ":" + system.adminPassword());
        // The same token check as the primary: the system's public key.
        env.put("API_AUTH_ENABLED", "true");
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", "file:" + system.apiTokens().publicKeyFile());
        return builder.start();
    }

    /** The relay's health details are shown to operators only: the request carries the system's credential. */
    private boolean leads(String baseUrl) {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode relay = OrdersApi.JSON.readTree(health.body()).path("components").path("relay").path("details");
            return relay.path("leader").asBoolean(false) && "STREAMING".equals(relay.path("state").asString());
        } catch (Exception e) {
            return false;
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
