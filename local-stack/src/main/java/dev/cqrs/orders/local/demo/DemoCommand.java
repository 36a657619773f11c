package dev.cqrs.orders.local.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import dev.cqrs.orders.local.demo.OrdersClient.Ack;
import dev.cqrs.orders.local.demo.OrdersClient.Item;
import tools.jackson.databind.JsonNode;

/**
 * A scripted walk-through against the running system: a few orders and transitions, each timed from the
 * command's answer until the query side shows the new version.
 */
public final class DemoCommand {

    static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_EVERY = Duration.ofMillis(2);

    private record Order(String customer, String currency, List<Item> items) {
        long totalCents() {
            return items.stream().mapToLong(item -> item.quantity() * item.unitPriceCents()).sum();
        }
    }

    private final OrdersClient client;
    private final PrintStream out;
    private final Duration visibleTimeout;
    private final DelayReport report = new DelayReport();

    DemoCommand(OrdersClient client, PrintStream out, Duration visibleTimeout) {
        this.client = client;
        this.out = out;
        this.visibleTimeout = visibleTimeout;
    }

    /**
     * Walks through against the two services, sending {@code authorization} (null: none) with every request; exit code
     * 0, or 1 when a command failed or never became visible.
     */
    public static int run(String commandUrl, String queryUrl, String authorization, PrintStream out, PrintStream err) {
        try {
            new DemoCommand(new OrdersClient(commandUrl, queryUrl, authorization), out, VISIBLE_TIMEOUT).walkThrough();
            return 0;
        } catch (IllegalStateException | TimeoutException e) {
            err.println("demo failed: " + e.getMessage());
            return 1;
        }
    }

    void walkThrough() throws TimeoutException {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Order> orders = List.of(
                new Order("alice-" + run, "EUR", List.of(new Item("BOOK-1", 2, 1999), new Item("PEN-7", 3, 250))),
                new Order("bob-" + run, "USD", List.of(new Item("MUG-2", 1, 1250))),
                new Order("carol-" + run, "EUR", List.of(new Item("LAMP-3", 1, 4999), new Item("BULB-9", 4, 399))),
                new Order("dave-" + run, "GBP", List.of(new Item("SOCK-4", 6, 599))),
                new Order("erin-" + run, "EUR", List.of(new Item("CHAIR-5", 2, 8900), new Item("DESK-6", 1, 25900))));
        List<String> ids = new ArrayList<>();
        for (Order order : orders) {
            Ack ack = client.create(order.customer(), order.currency(), order.items());
            ids.add(ack.orderId());
            measure(ack, order);
        }
        measure(client.confirm(ids.get(0)), orders.get(0));
        measure(client.confirm(ids.get(1)), orders.get(1));
        measure(client.ship(ids.get(1)), orders.get(1));
        measure(client.cancel(ids.get(2), "customer changed their mind"), orders.get(2));
        out.println();
        report.print(out);
        expectStatus(ids.get(0), "CONFIRMED");
        expectStatus(ids.get(1), "SHIPPED");
        expectStatus(ids.get(2), "CANCELLED");
        expectStatus(ids.get(3), "CREATED");
        out.println("all commands became visible on the query side");
    }

    private void measure(Ack ack, Order order) throws TimeoutException {
        JsonNode view = awaitVersion(ack);
        Duration delay = Duration.ofNanos(System.nanoTime() - ack.answeredAtNanos());
        long total = view.path("totalCents").asLong();
        if (total != order.totalCents()) {
            throw new IllegalStateException("order " + ack.orderId() + " shows total " + total + ", expected " + order.totalCents());
        }
        report.add(new DelayReport.Row(ack.orderId(), ack.command(), ack.version(), delay, total, order.currency()));
    }

    /** Polls the query side every ~2 ms until it shows the acknowledged version. */
    JsonNode awaitVersion(Ack ack) throws TimeoutException {
        long deadline = ack.answeredAtNanos() + visibleTimeout.toNanos();
        while (true) {
            Optional<JsonNode> view = client.view(ack.orderId());
            if (view.isPresent() && view.get().path("version").asLong() >= ack.version()) {
                return view.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException(ack.command() + " of order " + ack.orderId() + " (version " + ack.version()
                        + ") was not visible on the query side after " + visibleTimeout.toMillis() + " ms; it shows "
                        + view.map(JsonNode::toString).orElse("nothing (404)"));
            }
            LockSupport.parkNanos(POLL_EVERY.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for order " + ack.orderId());
            }
        }
    }

    private void expectStatus(String orderId, String status) {
        String actual = client.view(orderId).map(view -> view.path("status").asString()).orElse("(unknown)");
        if (!Objects.equals(actual, status)) {
            throw new IllegalStateException("order " + orderId + " is " + actual + ", expected " + status);
        }
    }
}
