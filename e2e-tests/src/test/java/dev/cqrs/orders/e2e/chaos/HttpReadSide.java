package dev.cqrs.orders.e2e.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** {@link ReadSide} over HTTP; every view it reads is also checked by the {@link Observations}. */
final class HttpReadSide implements ReadSide {

    static final int PAGE = 100;

    private final ChaosHttp http;
    private final Observations observations;
    private final Map<String, OrderRecord> ledgerById;

    HttpReadSide(ChaosHttp http, Observations observations, Map<String, OrderRecord> ledgerById) {
        this.http = http;
        this.observations = observations;
        this.ledgerById = ledgerById;
    }

    @Override
    public Optional<View> view(String orderId) {
        long sent = System.nanoTime();
        ChaosHttp.Exchange reply = http.view(orderId);
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
            ChaosHttp.Exchange reply = http.list(customerId, status, cursor, PAGE);
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
}
