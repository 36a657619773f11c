package dev.cqrs.orders.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** Waits for the query side to catch up with what the command side acknowledged. */
final class Eventually {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    /**
     * After a kill -9 of the query service, Kafka keeps the dead consumers in their groups until their session
     * times out (45 s by default), and only then hands the partitions to the restarted ones.
     */
    static final Duration AFTER_CONSUMER_CRASH = Duration.ofSeconds(120);

    private Eventually() {
    }

    /** The order's view once it shows at least {@code version}. */
    static JsonNode visibleAt(OrdersApi api, String orderId, long version) {
        return visibleAt(api, orderId, version, VISIBLE_WITHIN);
    }

    static JsonNode visibleAt(OrdersApi api, String orderId, long version, Duration within) {
        return await("order " + orderId + " at version " + version + " on the query side")
                .atMost(within)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> api.view(orderId),
                        reply -> reply.status() == 200 && reply.json().path("version").asLong() >= version)
                .json();
    }

    /** A customer id no other test (or earlier run) uses, so listings see only this test's orders. */
    static String newCustomer(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
