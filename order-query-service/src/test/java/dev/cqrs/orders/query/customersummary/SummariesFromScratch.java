package dev.cqrs.orders.query.customersummary;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.OrderStatus;

/**
 * The customer summaries computed the obvious way, with no projection code: replay each order's history to its final
 * status, then count. What the projection produces, however the events arrived, must equal this.
 */
final class SummariesFromScratch {

    private SummariesFromScratch() {
    }

    static Map<String, CustomerSummary> of(List<List<EventEnvelope>> histories) {
        Map<String, Map<OrderStatus, Long>> counts = new TreeMap<>();
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        Map<String, Instant> lastOrderAt = new TreeMap<>();
        for (List<EventEnvelope> history : histories) {
            OrderCreated created = (OrderCreated) history.get(0).event();
            OrderStatus status = OrderStatus.CREATED;
            for (EventEnvelope envelope : history) {
                if (envelope.event() instanceof OrderConfirmed) {
                    status = OrderStatus.CONFIRMED;
                } else if (envelope.event() instanceof OrderShipped) {
                    status = OrderStatus.SHIPPED;
                } else if (envelope.event() instanceof OrderCancelled) {
                    status = OrderStatus.CANCELLED;
                }
            }
            String customer = created.customerId();
            counts.computeIfAbsent(customer, c -> zeroCounts()).merge(status, 1L, Long::sum);
            long total = status == OrderStatus.CANCELLED ? 0 : created.totalCents();
            totals.computeIfAbsent(customer, c -> new TreeMap<>()).merge(created.currency(), total, Long::sum);
            lastOrderAt.merge(customer, history.get(0).occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<String, CustomerSummary> summaries = new TreeMap<>();
        counts.forEach((customer, byStatus) -> summaries.put(customer, new CustomerSummary(customer,
                byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus, totals.get(customer),
                lastOrderAt.get(customer))));
        return summaries;
    }

    private static Map<OrderStatus, Long> zeroCounts() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }
}
