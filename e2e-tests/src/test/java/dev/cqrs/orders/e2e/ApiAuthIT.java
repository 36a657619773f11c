package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;
import dev.cqrs.orders.local.ApiTokens;
import dev.cqrs.orders.local.LocalSystem;

/**
 * Both public APIs with real RS256 tokens signed by the key ./run local made (the services check them with its public
 * half): a customer sees and changes only its own orders, staff all of them, and every bad token gets its 401 or 403
 * with a Bearer challenge and a problem.
 */
@EndToEnd
class ApiAuthIT {

    private static final List<Item> ITEMS = List.of(new Item("AUTH-1", 1, 500));

    @Test
    void aCustomerSeesAndChangesOnlyItsOwnOrders(OrdersApi staff, LocalSystem system) {
        String alice = Eventually.newCustomer("alice");
        String bob = Eventually.newCustomer("bob");
        OrdersApi asAlice = staff.as(system.customerAuthorization(alice));
        OrdersApi asBob = staff.as(system.customerAuthorization(bob));

        String order = asAlice.createdOrder(alice, "EUR", ITEMS);
        Eventually.visibleAt(asAlice, order, 1);
        assertThat(asAlice.view(order).status()).isEqualTo(200);

        // Bob learns nothing: the same 404 as an order that does not exist, on both sides, and nothing changes.
        problem(asBob.view(order), 404);
        problem(asBob.get("/orders/" + order + "?minVersion=1&waitMs=200"), 404);
        problem(asBob.cancel(order, "not mine"), 404);
        problem(asBob.confirm(order), 404);
        problem(asBob.get("/customers/" + alice + "/summary"), 404);
        assertThat(asBob.listAll("limit=50")).noneMatch(item -> item.path("orderId").asString().equals(order));

        // Naming another customer in a body or a query is refused.
        problem(asBob.create(alice, "EUR", ITEMS), 403);
        problem(asBob.get("/orders?customerId=" + alice), 403);

        // A customer's own listing needs no customerId; staff reads and changes any order.
        assertThat(asAlice.listAll("limit=50")).extracting(item -> item.path("orderId").asString()).containsExactly(order);
        assertThat(staff.confirm(order).status()).isEqualTo(204);
        Eventually.visibleAt(asAlice, order, 2);
        assertThat(staff.listAll("customerId=" + alice)).hasSize(1);
        assertThat(asAlice.cancel(order, "changed my mind").status()).isEqualTo(204);
    }

    @Test
    void everyBadTokenGetsItsChallenge(OrdersApi staff, LocalSystem system) {
        String carol = Eventually.newCustomer("carol");
        String order = staff.createdOrder(carol, "EUR", ITEMS);
        ApiTokens issuer = system.apiTokens();
        long now = Instant.now().getEpochSecond();

        Reply none = staff.as(null).view(order);
        problem(none, 401);
        assertThat(none.challenge()).startsWith("Bearer");
        problem(staff.as(null).confirm(order), 401);

        Map<String, Object> expired = issuer.claims(carol, ApiTokens.CUSTOMER_SCOPE, Duration.ofHours(1));
        expired.put("iat", now - 7200);
        expired.put("exp", now - 3600);
        Map<String, Object> otherAudience = issuer.claims(carol, ApiTokens.CUSTOMER_SCOPE, Duration.ofMinutes(10));
        otherAudience.put("aud", "billing-api");
        for (Map<String, Object> bad : List.of(expired, otherAudience)) {
            OrdersApi holder = staff.as("Bearer " + issuer.mint(bad));
            invalidToken(holder.view(order));
            invalidToken(holder.confirm(order));
        }
        String token = issuer.customer(carol);
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        invalidToken(staff.as("Bearer " + tampered).view(order));

        OrdersApi readOnly = staff.as("Bearer " + issuer.mint(issuer.claims(carol, "orders:read", Duration.ofMinutes(10))));
        Reply refused = readOnly.cancel(order, "no scope");
        problem(refused, 403);
        assertThat(refused.challenge()).contains("insufficient_scope");
        OrdersApi writeOnly = staff.as("Bearer " + issuer.mint(issuer.claims(carol, "orders:write", Duration.ofMinutes(10))));
        assertThat(writeOnly.view(order).challenge()).contains("insufficient_scope");
        // None of the refused commands changed the order.
        Eventually.visibleAt(staff, order, 1);
        assertThat(staff.view(order).json().path("status").asString()).isEqualTo("CREATED");
    }

    private static void invalidToken(Reply reply) {
        problem(reply, 401);
        assertThat(reply.challenge()).contains("invalid_token");
    }

    private static void problem(Reply reply, int status) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("%s", reply).startsWith("application/problem+json");
    }
}
