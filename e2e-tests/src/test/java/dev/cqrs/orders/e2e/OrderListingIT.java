package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;
import tools.jackson.databind.JsonNode;

/** The customer listing shows a customer's orders as summaries, filtered by status and paged by cursor. */
@EndToEnd
class OrderListingIT {

    @Test
    void listingByCustomerShowsEveryOrderWithItsSummary(OrdersApi api) {
        String customer = Eventually.newCustomer("lee");
        String first = api.createdOrder(customer, "EUR", List.of(new Item("A-1", 1, 100), new Item("B-2", 2, 200)));
        String second = api.createdOrder(customer, "EUR", List.of(new Item("C-3", 3, 300)));
        String third = api.createdOrder(customer, "EUR", List.of(new Item("D-4", 1, 1000)));
        assertThat(api.confirm(second).status()).isEqualTo(204);
        Eventually.visibleAt(api, second, 2);

        Map<String, JsonNode> listed = await("3 orders listed for " + customer)
                .atMost(Eventually.VISIBLE_WITHIN)
                .until(() -> byId(api.get("/orders?customerId=" + customer)), items -> items.size() == 3
                        && items.containsKey(second) && items.get(second).path("version").asLong() == 2);

        assertThat(listed).containsOnlyKeys(first, second, third);
        assertThat(listed.get(first).path("itemCount").asInt()).as("units, not lines").isEqualTo(3);
        assertThat(listed.get(first).path("totalCents").asLong()).isEqualTo(500);
        assertThat(listed.get(first).path("status").asString()).isEqualTo("CREATED");
        assertThat(listed.get(second).path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(listed.get(second).path("version").asLong()).isEqualTo(2);
        assertThat(listed.get(third).path("customerId").asString()).isEqualTo(customer);
        assertThat(listed.get(third).path("currency").asString()).isEqualTo("EUR");

        Map<String, JsonNode> confirmed = byId(api.get("/orders?customerId=" + customer + "&status=CONFIRMED"));
        assertThat(confirmed).containsOnlyKeys(second);
    }

    @Test
    void aSmallLimitPagesThroughEveryOrderOnce(OrdersApi api) {
        String customer = Eventually.newCustomer("pat");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.createdOrder(customer, "EUR", List.of(new Item("SKU-" + i, i + 1, 100))));
        }
        created.forEach(id -> Eventually.visibleAt(api, id, 1));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api.get("/orders?customerId=" + customer + "&limit=2" + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode json = page.json();
            assertThat(json.path("items").size()).isLessThanOrEqualTo(2);
            json.path("items").forEach(item -> seen.add(item.path("orderId").asString()));
            cursor = json.path("next").isNull() || json.path("next").isMissingNode() ? null : json.path("next").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(pages).isBetween(3, 4);
    }

    private static Map<String, JsonNode> byId(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        Map<String, JsonNode> items = new HashMap<>();
        for (JsonNode item : reply.json().path("items")) {
            JsonNode previous = items.put(item.path("orderId").asString(), item);
            assertThat(previous).as("order listed twice: " + item).isNull();
        }
        return items;
    }
}
