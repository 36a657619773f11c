package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.lag.KafkaGroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16, part 1, on a fresh system of its own: SIGTERM (what Kubernetes sends after preStop) to each service while 8
 * clients post orders and the read side is behind. Each must be gone within {@link #BOUND}, and nothing may be lost:
 * every acknowledged order reaches the read model once the service is back, and the topic holds each of their events
 * exactly once (a relay that stops cleanly has flushed the offsets of everything it published, so it replays nothing).
 * The backlog: {@code -De2e.shutdownBacklogOrders} (default 5,000; at most {@code -De2e.shutdownBacklogSeconds}, 60, of
 * posting) for the relay to publish, or the whole topic again for the read side; the service is working it off, with
 * the clients posting again, when SIGTERM comes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownUnderLoadIT {

    static final Duration BOUND = Duration.ofSeconds(20);
    private static final int CLIENTS = 8;
    private static final int BACKLOG_ORDERS = Integer.getInteger("e2e.shutdownBacklogOrders", 5_000);
    private static final Duration BACKLOG = Duration.ofSeconds(Long.getLong("e2e.shutdownBacklogSeconds", 60));
    /** The read side works off what the clients posted once they stopped (5,000 to 10,000 orders per scenario). */
    private static final Duration CATCH_UP = Duration.ofMinutes(Long.getLong("e2e.shutdownCatchUpMinutes", 5));
    private static final String TOPIC = "orders.events";
    private static final String GROUPS = "order-query.";
    /** The query service's session timeout (10 s) with room for the broker's expiry check. */
    private static final Duration SESSION_EXPIRY = Duration.ofSeconds(30);

    private static LocalSystem system;
    private static OrdersApi api;

    @BeforeAll
    static void startAFreshSystem() {
        // As deployed: the e2e suites' per-event DEBUG log of the projections would slow the read side down.
        system = RunningSystem.fresh("shutdown", builder -> builder.env(Component.QUERY, "LOGGING_LEVEL_DEV_CQRS_ORDERS_QUERY_CONSUMER",
                "INFO"));
        api = new OrdersApi(system.commandUrl(), system.queryUrl(), system.staffAuthorization());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void theQueryServiceStopsWithinTheBoundWhileItWorksOffABacklog() {
        ShutdownCheck check = new ShutdownCheck(system, api, "sigterm-query");
        try {
            // The backlog: the whole topic, as after the chaos suite's rewinds (duplicates, which change nothing). The
            // service comes back without its warm-up, so that it is ready before it worked the backlog off, and the
            // clients post again meanwhile.
            check.startClients(CLIENTS);
            check.postUntil(BACKLOG_ORDERS, BACKLOG);
            check.stopClients();
            system.stop(Component.QUERY);
            try {
                rewindReadSideToTheFirstEvent();
            } finally {
                system.start(Component.QUERY, Map.of("QUERY_WARM_UP_ENABLED", "false"));
            }
            check.startClients(CLIENTS);
            check.postFor(Duration.ofSeconds(3));
            long lag = readSideLag();
            System.out.printf("[e2e] %d orders acknowledged, read side %d records behind%n", check.acknowledgedCount(), lag);
            assertThat(lag).as("records the read side has still to apply when SIGTERM comes").isGreaterThan(500);

            Sigterm.Stop stop = check.sigterm(Component.QUERY);
            check.stopClients();
            system.start(Component.QUERY);
            check.assertWithinBound(stop);
        } finally {
            check.stopClients();
        }
        check.assertEveryAcknowledgedOrderIsReadOnce(CATCH_UP);
    }

    @Test
    @Order(2)
    void theCommandServiceStopsWithinTheBoundWhileItsRelayWorksOffABacklog() {
        ShutdownCheck check = new ShutdownCheck(system, api, "sigterm-command");
        try {
            check.startClients(CLIENTS);
            // The relay's backlog: commands committed while it was off, kept in the WAL by the replication slot.
            system.stop(Component.COMMAND);
            system.start(Component.COMMAND, Map.of("RELAY_ENABLED", "false"));
            check.postUntil(BACKLOG_ORDERS, BACKLOG);
            system.stop(Component.COMMAND);
            system.start(Component.COMMAND);
            RelayState relay = check.awaitRelayStreaming();
            System.out.printf("[e2e] %d orders acknowledged, relay streaming with %d WAL bytes to publish, read side %d "
                    + "records behind%n", check.acknowledgedCount(), relay.lagBytes(), readSideLag());

            Sigterm.Stop stop = check.sigterm(Component.COMMAND);
            system.start(Component.COMMAND);
            check.postFor(Duration.ofSeconds(3));
            check.stopClients();
            check.assertWithinBound(stop);
        } finally {
            check.stopClients();
        }
        check.assertEveryAcknowledgedOrderIsReadOnce(CATCH_UP);
        check.assertTopicHoldsEachEventOnce();
    }

    private static void rewindReadSideToTheFirstEvent() {
        try (KafkaGroups groups = KafkaGroups.connect(system.kafkaBootstrapServers())) {
            for (String group : groups.groupsReading(TOPIC)) {
                if (group.startsWith(GROUPS)) {
                    // Leaving a group is best effort (a consumer that cannot reach its coordinator as it closes stays
                    // a member until its session expires); the output says when a clean stop did not leave.
                    Duration waited = groups.awaitNoMembers(group, SESSION_EXPIRY);
                    if (waited.toMillis() > 1_000) {
                        System.out.printf("[e2e] %s kept members for %.1f s after the query service stopped%n", group,
                                waited.toMillis() / 1000.0);
                    }
                    groups.rewind(group, TOPIC, Long.MAX_VALUE / 2);
                }
            }
        }
    }

    private static long readSideLag() {
        try (KafkaGroups groups = KafkaGroups.connect(system.kafkaBootstrapServers())) {
            return groups.groupsReading(TOPIC).stream().filter(group -> group.startsWith(GROUPS))
                    .mapToLong(group -> groups.lag(group, TOPIC).values().stream().mapToLong(Long::longValue).sum())
                    .max().orElse(0);
        }
    }

    /** The relay's figures as GET /admin/relay answers them. */
    record RelayState(String state, boolean leader, long publishedCount, long lagBytes) {
    }
}
