package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;
import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import tools.jackson.databind.JsonNode;

/**
 * The read side as clients meet it: read-your-writes with the command's ETag, the customer summary, a rebuild while
 * reads go on, and one trace from the POST to the projector's log line.
 */
@EndToEnd
class ReadSideIT {

    private static final int READ_YOUR_WRITES_ORDERS = Integer.getInteger("e2e.readYourWritesOrders", 1000);

    @Test
    void postThenGetWithTheReturnedVersionNeverAnswers404(OrdersApi api) {
        String customer = Eventually.newCustomer("ryw");
        for (int i = 0; i < READ_YOUR_WRITES_ORDERS; i++) {
            Reply created = api.create(customer, "EUR", List.of(new Item("R-" + i, 1, 100)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().path("orderId").asString();
            // One GET, no client-side retry: the server waits (up to waitMs) until its view has that version.
            Reply view = api.get("/orders/" + id + "?minVersion=" + created.etagVersion() + "&waitMs=5000");
            assertThat(view.status()).as("order %d of %d: %s", i + 1, READ_YOUR_WRITES_ORDERS, view).isEqualTo(200);
            assertThat(view.json().path("version").asLong()).isGreaterThanOrEqualTo(created.etagVersion());
        }
        String id = api.createdOrder(customer, "EUR", List.of(new Item("R-last", 1, 100)));
        Reply confirmed = api.confirm(id);
        Reply view = api.get("/orders/" + id + "?minVersion=" + confirmed.etagVersion() + "&waitMs=5000");
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().path("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void theCustomerSummaryCountsByStatusAndTotalsNonCancelledOrders(OrdersApi api) {
        String customer = Eventually.newCustomer("summary");
        String kept = api.createdOrder(customer, "EUR", List.of(new Item("A", 2, 1000)));
        String cancelled = api.createdOrder(customer, "EUR", List.of(new Item("B", 1, 700)));
        String dollars = api.createdOrder(customer, "USD", List.of(new Item("C", 3, 100)));
        assertThat(api.confirm(kept).status()).isEqualTo(204);
        Reply cancel = api.cancel(cancelled, "changed my mind");
        assertThat(cancel.status()).isEqualTo(204);
        Eventually.visibleAt(api, dollars, 1);
        Eventually.visibleAt(api, kept, 2);
        Eventually.visibleAt(api, cancelled, 2);

        JsonNode summary = await("summary of " + customer).atMost(Eventually.VISIBLE_WITHIN)
                .until(() -> api.get("/customers/" + customer + "/summary"), r -> r.status() == 200
                        && r.json().path("orderCount").asInt() == 3 && r.json().path("ordersByStatus").path("CANCELLED").asInt() == 1)
                .json();
        assertThat(summary.path("ordersByStatus").path("CONFIRMED").asInt()).isEqualTo(1);
        assertThat(summary.path("ordersByStatus").path("CREATED").asInt()).isEqualTo(1);
        assertThat(summary.path("lifetimeTotalCents").path("EUR").asLong()).isEqualTo(2000);
        assertThat(summary.path("lifetimeTotalCents").path("USD").asLong()).isEqualTo(300);
    }

    @Test
    void aRebuildOfTheOrderViewKeepsReadsAnsweringAndEndsEqual(OrdersApi api, LocalSystem system) throws Exception {
        String customer = Eventually.newCustomer("rebuild");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = api.createdOrder(customer, "EUR", List.of(new Item("RB-" + i, i + 1, 150)));
            if (i % 2 == 0) {
                api.confirm(id);
            }
            ids.add(id);
        }
        Eventually.visibleAt(api, ids.get(18), 2);
        Map<String, String> before = new HashMap<>();
        for (String id : ids) {
            before.put(id, Eventually.visibleAt(api, id, 1).toString());
        }

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + "/admin/rebuilds/order-view"))
                .header("Authorization", system.adminAuthorization()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        List<Integer> statusesDuringRebuild = new ArrayList<>();
        await("rebuild of order-view").atMost(Duration.ofMinutes(3)).until(() -> {
            statusesDuringRebuild.add(api.view(ids.get(ThreadLocalRandom.current().nextInt(ids.size()))).status());
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + "/admin/rebuilds/order-view"))
                    .header("Authorization", system.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
            return OrdersApi.JSON.readTree(status.body()).path("state").asString().equals("DONE");
        });
        assertThat(statusesDuringRebuild).isNotEmpty().containsOnly(200);
        for (String id : ids) {
            assertThat(api.view(id).body()).as("view of %s after the rebuild", id).isEqualTo(before.get(id));
        }
    }

    @Test
    void oneTraceFollowsAnOrderFromThePostToTheProjector(OrdersApi api, LocalSystem system) {
        String traceId = String.format("%032x", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        HttpClient http = HttpClient.newHttpClient();
        String id = await("create with a traceparent").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/orders"))
                    .header("Content-Type", "application/json")
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .header("Authorization", system.staffAuthorization())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"traced\",\"currency\":\"EUR\","
                            + "\"items\":[{\"sku\":\"T\",\"quantity\":1,\"unitPriceCents\":1}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return created.statusCode() == 201 ? OrdersApi.JSON.readTree(created.body()).path("orderId").asString() : null;
        }, result -> result != null);
        Eventually.visibleAt(api, id, 1);
        // The projector's span continues the trace: its log lines carry the POST's trace id and the event's id.
        await("the trace id in the query service's log").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Files.readAllLines(system.logFile(Component.QUERY)))
                        .anySatisfy(line -> assertThat(line).contains(traceId).contains(id).contains("event=")));
    }
}
