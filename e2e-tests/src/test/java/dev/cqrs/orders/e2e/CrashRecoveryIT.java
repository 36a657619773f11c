package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;
import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import tools.jackson.databind.JsonNode;

/**
 * Crashes (kill -9) right after commands were acknowledged: every acknowledged command still reaches the
 * query side, exactly once, in order.
 */
@EndToEnd
class CrashRecoveryIT {

    private static final int ORDERS = 12;

    /** An acknowledged order: what the query side must finally show. */
    private record Expected(String status, long version) {
    }

    @Test
    void everyAcknowledgedCommandSurvivesAKilledCommandService(OrdersApi api, LocalSystem system) {
        String customer = Eventually.newCustomer("crash-relay");
        Map<String, Expected> expected = acknowledgeMixedCommands(api, customer);

        system.kill(Component.COMMAND); // the relay dies with it, whatever it had not yet published
        system.start(Component.COMMAND);

        assertEveryOrderShownExactlyOnce(api, customer, expected);
        // The command side goes on from the versions it had committed.
        String shipped = firstWithStatus(expected, "CONFIRMED");
        Reply ship = api.ship(shipped);
        assertThat(ship.status()).as(ship.toString()).isEqualTo(204);
        assertThat(ship.etagVersion()).isEqualTo(3);
        assertThat(Eventually.visibleAt(api, shipped, 3).path("status").asString()).isEqualTo("SHIPPED");
    }

    @Test
    void commandsAcknowledgedWhileTheQueryServiceIsDownShowAfterItsRestart(OrdersApi api, LocalSystem system) {
        String customer = Eventually.newCustomer("crash-query");
        system.kill(Component.QUERY);
        Map<String, Expected> expected;
        try {
            expected = acknowledgeMixedCommands(api, customer);
        } finally {
            system.start(Component.QUERY);
        }
        Map.Entry<String, Expected> last = List.copyOf(expected.entrySet()).get(expected.size() - 1);
        Eventually.visibleAt(api, last.getKey(), last.getValue().version(), Eventually.AFTER_CONSUMER_CRASH);
        assertEveryOrderShownExactlyOnce(api, customer, expected);
    }

    /** Creates orders and moves some of them on, without waiting for the query side. */
    private static Map<String, Expected> acknowledgeMixedCommands(OrdersApi api, String customer) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Reply created = api.create(customer, "EUR", List.of(new Item("SKU-" + i, i + 1, 250)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().path("orderId").asString();
            ids.add(id);
            expected.put(id, new Expected("CREATED", 1));
        }
        for (int i = 0; i < ORDERS; i++) {
            String id = ids.get(i);
            switch (i % 4) {
                case 1 -> acknowledge(api.confirm(id), id, "CONFIRMED", 2, expected);
                case 2 -> acknowledge(api.cancel(id, "crash test"), id, "CANCELLED", 2, expected);
                case 3 -> {
                    acknowledge(api.confirm(id), id, "CONFIRMED", 2, expected);
                    acknowledge(api.ship(id), id, "SHIPPED", 3, expected);
                }
                default -> { }
            }
        }
        return expected;
    }

    private static void acknowledge(Reply reply, String id, String status, long version, Map<String, Expected> expected) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        assertThat(reply.etagVersion()).isEqualTo(version);
        expected.put(id, new Expected(status, version));
    }

    private static void assertEveryOrderShownExactlyOnce(OrdersApi api, String customer, Map<String, Expected> expected) {
        expected.forEach((id, want) -> {
            JsonNode view = Eventually.visibleAt(api, id, want.version());
            assertThat(view.path("version").asLong()).as("version of " + id).isEqualTo(want.version());
            assertThat(view.path("status").asString()).as("status of " + id).isEqualTo(want.status());
        });
        List<String> listed = await("all " + expected.size() + " orders of " + customer + " listed")
                .atMost(Eventually.VISIBLE_WITHIN)
                .until(() -> listedIds(api, customer), ids -> ids.size() >= expected.size());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    private static List<String> listedIds(OrdersApi api, String customer) {
        return api.listAll("customerId=" + customer).stream().map(item -> item.path("orderId").asString()).toList();
    }

    private static String firstWithStatus(Map<String, Expected> expected, String status) {
        return expected.entrySet().stream().filter(entry -> entry.getValue().status().equals(status))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
