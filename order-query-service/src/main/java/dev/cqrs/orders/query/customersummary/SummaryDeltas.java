package dev.cqrs.orders.query.customersummary;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cqrs.orders.query.readmodel.OrderStatus;

/** The counter increments that move one order's contribution to its customer's summary from one state to another. */
final class SummaryDeltas {

    private SummaryDeltas() {
    }

    /**
     * Field path to increment, for moving from the status {@code before} (null: not counted yet) to {@code order}. A
     * first count also adds zero to every status and to the currency, so that every summary has the same fields
     * however its orders got there: a rebuilt summary then equals the live one field for field.
     */
    static Map<String, Long> of(OrderFacts order, OrderStatus before) {
        Map<String, Long> deltas = new LinkedHashMap<>();
        if (before == null) {
            for (OrderStatus status : OrderStatus.values()) {
                deltas.put(countOf(status), 0L);
            }
            deltas.put(totalOf(order.currency()), 0L);
        } else {
            deltas.merge(countOf(before), -1L, Long::sum);
            if (before != OrderStatus.CANCELLED) {
                deltas.merge(totalOf(order.currency()), -order.totalCents(), Long::sum);
            }
        }
        deltas.merge(countOf(order.status()), 1L, Long::sum);
        if (order.counted()) {
            deltas.merge(totalOf(order.currency()), order.totalCents(), Long::sum);
        }
        return deltas;
    }

    /** The field path of the counter of orders in a status. */
    static String countOf(OrderStatus status) {
        return CustomerSummaryFields.COUNTS + "." + status.name();
    }

    /** The field path of the lifetime total in a currency. */
    static String totalOf(String currency) {
        return CustomerSummaryFields.TOTALS + "." + currency;
    }
}
