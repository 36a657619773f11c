package dev.cqrs.orders.qa.readside;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;
import tools.jackson.databind.JsonNode;

/** {@link ReadSide} over HTTP; every view it reads is also checked by the {@link Observations}. */
public final class HttpReadSide implements ReadSide {

    static final int PAGE = 100;

    private final OrdersHttp http;
    private final Observations observations;
    private final Map<String, OrderRecord> ledgerById;

    public HttpReadSide(OrdersHttp http, Observations observations, Map<String, OrderRecord> ledgerById) {
        this.http = http;
        this.observations = observations;
        this.ledgerById = ledgerById;
    }

    @Override
    public Optional<View> view(String orderId) {
        long sent = System.nanoTime();
        OrdersHttp.Exchange reply = http.view(orderId);
        long answered = System.nanoTime();
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /orders/" + orderId + " answered " + reply.describe());
        }
        JsonNode json = reply.json();
        List<Line> items = new ArrayList<>();
        json.path("items").forEach(item -> items.add(new Line(item.path("sku").asString(), item.path("quantity").asInt(),
                item.path("unitPriceCents").asLong())));
        JsonNode reason = json.path("cancellationReason");
        View view = new View(json.path("orderId").asString(), json.path("customerId").asString(),
                OrderStatus.valueOf(json.path("status").asString()), json.path("version").asLong(),
                json.path("totalCents").asLong(), json.path("currency").asString(), items,
                reason.isNull() || reason.isMissingNode() ? null : reason.asString());
        OrderRecord order = ledgerById.get(orderId);
        if (order != null) {
            observations.observe(order, orderId, view.version(), view.status(), sent, answered);
        }
        return Optional.of(view);
    }

    @Override
    public List<Summary> list(String customerId, OrderStatus status) {
        List<Summary> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            OrdersHttp.Exchange reply = http.list(customerId, status, cursor, PAGE);
            if (reply.status() != 200) {
                throw new IllegalStateException("listing of " + customerId + " answered " + reply.describe());
            }
            JsonNode json = reply.json();
            json.path("items").forEach(item -> all.add(new Summary(item.path("orderId").asString(),
                    OrderStatus.valueOf(item.path("status").asString()), item.path("version").asLong(),
                    item.path("totalCents").asLong(), item.path("currency").asString())));
            JsonNode next = json.path("next");
            if (next.isNull() || next.isMissingNode() || next.asString().isEmpty()) {
                return all;
            }
            cursor = next.asString();
        }
        throw new IllegalStateException("listing of " + customerId + " did not end after 10,000 pages");
    }

    @Override
    public Optional<CustomerSummary> summary(String customerId) {
        OrdersHttp.Exchange reply = http.summary(customerId);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /customers/" + customerId + "/summary answered " + reply.describe());
        }
        JsonNode json = reply.json();
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        json.path("ordersByStatus").properties()
                .forEach(entry -> byStatus.put(OrderStatus.valueOf(entry.getKey()), entry.getValue().asLong()));
        Map<String, Long> totals = new TreeMap<>();
        json.path("lifetimeTotalCents").properties().forEach(entry -> totals.put(entry.getKey(), entry.getValue().asLong()));
        return Optional.of(new CustomerSummary(json.path("customerId").asString(), json.path("orderCount").asLong(), byStatus,
                totals));
    }
}
