package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;
import tools.jackson.databind.JsonNode;

/** Refusals are RFC 9457 problem details (application/problem+json with status and title), never a bare error page. */
@EndToEnd
class ProblemResponsesIT {

    private static final String VALID_ITEMS = "[{\"sku\":\"A-1\",\"quantity\":1,\"unitPriceCents\":100}]";

    @Test
    void malformedJsonIs400(OrdersApi api) {
        assertProblem(api.postJson("/orders", "{\"customerId\": \"x\", \"currency\": "), 400);
    }

    @Test
    void emptyItemsIs400(OrdersApi api) {
        assertProblem(api.postJson("/orders", "{\"customerId\":\"x\",\"currency\":\"EUR\",\"items\":[]}"), 400);
    }

    @Test
    void unknownCurrencyIs400(OrdersApi api) {
        assertProblem(api.postJson("/orders", "{\"customerId\":\"x\",\"currency\":\"XYZ\",\"items\":" + VALID_ITEMS + "}"), 400);
    }

    @Test
    void negativeQuantityIs400(OrdersApi api) {
        assertProblem(api.postJson("/orders",
                "{\"customerId\":\"x\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A-1\",\"quantity\":-1,\"unitPriceCents\":100}]}"), 400);
    }

    @Test
    void commandsOnAnUnknownOrderAre404(OrdersApi api) {
        String unknown = UUID.randomUUID().toString();
        assertProblem(api.confirm(unknown), 404);
        assertProblem(api.cancel(unknown, "no such order"), 404);
    }

    @Test
    void anUnknownOrderIs404OnTheQuerySide(OrdersApi api) {
        assertProblem(api.view(UUID.randomUUID().toString()), 404);
    }

    @Test
    void aMalformedOrderIdIs400OnTheQuerySide(OrdersApi api) {
        assertProblem(api.view("not-a-uuid"), 400);
    }

    @Test
    void shippingACreatedOrderIs409(OrdersApi api) {
        String orderId = api.createdOrder(Eventually.newCustomer("refused"), "EUR", List.of(new Item("A-1", 1, 100)));
        assertProblem(api.ship(orderId), 409);
    }

    @Test
    void cancellingAShippedOrderIs409(OrdersApi api) {
        String orderId = api.createdOrder(Eventually.newCustomer("refused"), "EUR", List.of(new Item("A-1", 1, 100)));
        assertThat(api.confirm(orderId).status()).isEqualTo(204);
        assertThat(api.ship(orderId).status()).isEqualTo(204);
        assertProblem(api.cancel(orderId, "too late"), 409);
        assertThat(Eventually.visibleAt(api, orderId, 3).path("status").asString()).isEqualTo("SHIPPED");
    }

    @Test
    void confirmingACancelledOrderIs409(OrdersApi api) {
        String orderId = api.createdOrder(Eventually.newCustomer("refused"), "EUR", List.of(new Item("A-1", 1, 100)));
        assertThat(api.cancel(orderId, "never mind").status()).isEqualTo(204);
        assertProblem(api.confirm(orderId), 409);
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).as(reply.toString()).isEqualTo(status);
        assertThat(problem.path("title").asString()).as(reply.toString()).isNotBlank();
    }
}
