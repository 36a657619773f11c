package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cqrs.orders.e2e.ShutdownUnderLoadIT.RelayState;
import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.audit.TopicAudit;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/** One SIGTERM scenario of {@link ShutdownUnderLoadIT}: its clients, the stop it timed and what must hold after it. */
final class ShutdownCheck {

    private final LocalSystem system;
    private final OrdersApi api;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<PostingClients> clients = new ArrayList<>();

    ShutdownCheck(LocalSystem system, OrdersApi api, String name) {
        this.system = system;
        this.api = api;
        this.name = name;
    }

    /** Starts clients that post until {@link #stopClients()}. */
    void startClients(int count) {
        clients.add(new PostingClients(api, count, name));
    }

    void stopClients() {
        clients.forEach(PostingClients::close); // a no-op for those already stopped
    }

    int acknowledgedCount() {
        return clients.stream().mapToInt(PostingClients::acknowledgedCount).sum();
    }

    private Map<String, List<String>> acknowledgedByCustomer() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        clients.forEach(group -> all.putAll(group.acknowledgedByCustomer()));
        return all;
    }

    private Map<String, Long> others() {
        Map<String, Long> all = new java.util.TreeMap<>();
        clients.forEach(group -> group.others().forEach((kind, count) -> all.merge(kind, count, Long::sum)));
        return all;
    }

    /** Lets the clients post for a while (the load itself is what the scenario needs, not an outcome to wait for). */
    void postFor(Duration duration) {
        await("clients posting for " + duration).pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    /** Lets the clients post until they have {@code orders} acknowledged in all, or for {@code atMost}. */
    void postUntil(int orders, Duration atMost) {
        try {
            await("clients posting " + orders + " orders").atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> acknowledgedCount() >= orders);
        } catch (ConditionTimeoutException e) {
            // a slower machine makes a smaller backlog; the scenario still checks that there is one
        }
    }

    Sigterm.Stop sigterm(Component component) {
        Sigterm.Stop stop = Sigterm.andTime(system, component, Duration.ofSeconds(60));
        System.out.printf("[e2e] %s: SIGTERM to %s under load, %s after %.1f s%s%n", name, component.id(),
                stop.exited() ? "exited" : "still running, SIGKILL", stop.seconds(),
                stop.threadDump() == null ? "" : "; threads after " + Sigterm.DUMP_AFTER.toSeconds() + " s: " + stop.threadDump());
        return stop;
    }

    void assertWithinBound(Sigterm.Stop stop) {
        System.out.printf("[e2e] %s: clients saw %s besides %d acknowledged orders%n", name, others(), acknowledgedCount());
        assertThat(stop.exited()).as(stop.component().id() + " exited by itself after SIGTERM").isTrue();
        assertThat(stop.took()).as(stop.component().id() + " time from SIGTERM to exit; threads: " + stop.threadDump())
                .isLessThan(ShutdownUnderLoadIT.BOUND);
    }

    /** This replica leads the relay and streams again (its WAL lag says how much is left to publish). */
    RelayState awaitRelayStreaming() {
        return await("relay streaming again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(this::relay, relay -> relay.leader() && "STREAMING".equals(relay.state()));
    }

    private RelayState relay() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/admin/relay"))
                    .header("Authorization", system.adminAuthorization()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = OrdersApi.JSON.readTree(response.body());
            return new RelayState(json.path("state").asString(), json.path("leader").asBoolean(),
                    json.path("publishedCount").asLong(), json.path("lagBytes").asLong(-1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each acknowledged order is listed once under its customer; extra ones can only be uncertain requests. */
    void assertEveryAcknowledgedOrderIsReadOnce(Duration within) {
        Map<String, List<String>> acknowledged = acknowledgedByCustomer();
        List<String> extra = new ArrayList<>();
        acknowledged.forEach((customer, ids) -> {
            List<String> listed = await("the " + ids.size() + " acknowledged orders of " + customer + " listed")
                    .atMost(within).pollInterval(Duration.ofSeconds(1))
                    .until(() -> listedIds(customer), all -> all.containsAll(ids));
            assertThat(new HashSet<>(listed)).as("orders listed twice for " + customer).hasSameSizeAs(listed);
            listed.stream().filter(id -> !ids.contains(id)).forEach(extra::add);
            if (!ids.isEmpty()) {
                assertThat(Eventually.visibleAt(api, ids.get(ids.size() - 1), 1).path("status").asString()).isEqualTo("CREATED");
            }
        });
        long uncertain = others().getOrDefault("uncertain", 0L);
        assertThat(extra).as("listed orders no client was told of (allowed only for requests without an answer: "
                + uncertain + ")").hasSizeLessThanOrEqualTo((int) uncertain);
    }

    private List<String> listedIds(String customer) {
        return api.listAll("customerId=" + customer + "&limit=100").stream().map(item -> item.path("orderId").asString()).toList();
    }

    /** Each acknowledged order's OrderCreated is on the topic exactly once: a clean stop replays nothing. */
    void assertTopicHoldsEachEventOnce() {
        Map<String, OrderRecord> ledger = new LinkedHashMap<>();
        acknowledgedByCustomer().forEach((customer, ids) -> ids.forEach(id -> {
            OrderRecord order = new OrderRecord(new OrderSpec(ledger.size(), id, customer, "EUR", List.of(), 0, List.of(), null));
            order.created(id, 0, new OrderRecord.Command("create", OrderRecord.Outcome.ACKNOWLEDGED, 1, 201, 0, 1, false, ""));
            ledger.put(id, order);
        }));
        TopicAudit.Result topic = TopicAudit.read(system.kafkaBootstrapServers(), "orders.events", ledger);
        System.out.printf("[e2e] %s: %d records of %d acknowledged orders on the topic, %d published again%n", name,
                topic.records(), ledger.size(), topic.redelivered());
        assertThat(topic.behindLedger()).as("acknowledged orders missing on the topic").isEmpty();
        assertThat(topic.gaps()).isEmpty();
        assertThat(topic.conflicting()).isEmpty();
        assertThat(topic.redelivered()).as("events published twice: the relay did not flush what it had published").isZero();
        Set<String> keys = topic.eventsByOrder().keySet();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(ledger.keySet());
    }
}
