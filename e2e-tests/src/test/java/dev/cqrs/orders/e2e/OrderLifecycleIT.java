package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;
import tools.jackson.databind.JsonNode;

/** Every acknowledged command eventually shows on the query side, with the right status, version and totals. */
@EndToEnd
class OrderLifecycleIT {

    @Test
    void aCreatedOrderBecomesVisibleWithItsLinesAndTotal(OrdersApi api) {
        String customer = Eventually.newCustomer("ada");
        Reply created = api.create(customer, "EUR", List.of(new Item("BOOK-1", 2, 1999), new Item("PEN-7", 3, 250)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.etagVersion()).isEqualTo(1);
        String orderId = created.json().path("orderId").asString();
        assertThat(created.location()).endsWith("/orders/" + orderId);

        JsonNode view = Eventually.visibleAt(api, orderId, 1);
        assertThat(view.path("orderId").asString()).isEqualTo(orderId);
        assertThat(view.path("customerId").asString()).isEqualTo(customer);
        assertThat(view.path("status").asString()).isEqualTo("CREATED");
        assertThat(view.path("version").asLong()).isEqualTo(1);
        assertThat(view.path("currency").asString()).isEqualTo("EUR");
        assertThat(view.path("totalCents").asLong()).isEqualTo(2 * 1999 + 3 * 250);
        assertThat(view.path("items")).hasSize(2);
        assertThat(view.path("items").get(0).path("sku").asString()).isEqualTo("BOOK-1");
        assertThat(view.path("items").get(0).path("lineTotalCents").asLong()).isEqualTo(3998);
        assertThat(view.path("items").get(1).path("lineTotalCents").asLong()).isEqualTo(750);
        assertThat(view.path("createdAt").isMissingNode() || view.path("createdAt").isNull()).isFalse();
        assertThat(api.view(orderId).etag()).contains("1");
    }

    @Test
    void confirmThenShipAreVisibleInOrder(OrdersApi api) {
        String orderId = api.createdOrder(Eventually.newCustomer("bo"), "USD", List.of(new Item("MUG-2", 1, 1250)));

        Reply confirmed = api.confirm(orderId);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
        assertThat(confirmed.etagVersion()).isEqualTo(2);
        JsonNode afterConfirm = Eventually.visibleAt(api, orderId, 2);
        assertThat(afterConfirm.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(afterConfirm.path("version").asLong()).isEqualTo(2);

        Reply shipped = api.ship(orderId);
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(204);
        assertThat(shipped.etagVersion()).isEqualTo(3);
        JsonNode afterShip = Eventually.visibleAt(api, orderId, 3);
        assertThat(afterShip.path("status").asString()).isEqualTo("SHIPPED");
        assertThat(afterShip.path("version").asLong()).isEqualTo(3);
        assertThat(afterShip.path("totalCents").asLong()).isEqualTo(1250);
    }

    @Test
    void cancellingACreatedOrderShowsTheReason(OrdersApi api) {
        String orderId = api.createdOrder(Eventually.newCustomer("cy"), "GBP", List.of(new Item("SOCK-4", 6, 599)));

        Reply cancelled = api.cancel(orderId, "changed my mind");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        assertThat(cancelled.etagVersion()).isEqualTo(2);

        JsonNode view = Eventually.visibleAt(api, orderId, 2);
        assertThat(view.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(view.path("version").asLong()).isEqualTo(2);
        assertThat(view.path("cancellationReason").asString()).isEqualTo("changed my mind");
    }

    @Test
    void cancellingAConfirmedOrderIsVisibleAtVersionThree(OrdersApi api) {
        String orderId = api.createdOrder(Eventually.newCustomer("di"), "EUR", List.of(new Item("LAMP-3", 1, 4999)));
        assertThat(api.confirm(orderId).status()).isEqualTo(204);

        Reply cancelled = api.cancel(orderId, "out of stock");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        assertThat(cancelled.etagVersion()).isEqualTo(3);

        JsonNode view = Eventually.visibleAt(api, orderId, 3);
        assertThat(view.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(view.path("version").asLong()).isEqualTo(3);
        assertThat(view.path("cancellationReason").asString()).isEqualTo("out of stock");
    }
}
