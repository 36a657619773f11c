package dev.cqrs.orders.qa.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What one run asked the command side to do and what came of it: the orders of the run's customers, every
 * customer id carrying the run id. Reconciled against the read side right after the load, and again later from
 * its file ({@link LedgerFile}).
 */
public record Ledger(String runId, List<String> customers, List<OrderRecord> orders) {

    public Ledger {
        customers = List.copyOf(customers);
        orders = List.copyOf(orders);
    }

    /** A new run's ledger: {@code customerCount} customers {@code <runId>-c<n>}, and the orders planned from the seed. */
    public static Ledger plan(String runId, int customerCount, int orderCount, long seed, double invalidRate) {
        List<String> customers = IntStream.range(0, customerCount).mapToObj(i -> runId + "-c" + i).toList();
        List<OrderRecord> orders = IntStream.range(0, orderCount)
                .mapToObj(i -> new OrderRecord(OrderSpec.generate(i, runId, customers, seed, invalidRate)))
                .toList();
        return new Ledger(runId, customers, orders);
    }

    /** The orders whose create was acknowledged, by order id, in ledger order. */
    public Map<String, OrderRecord> acknowledgedById() {
        Map<String, OrderRecord> byId = new LinkedHashMap<>();
        orders.forEach(order -> order.orderId().ifPresent(id -> byId.put(id, order)));
        return Collections.unmodifiableMap(byId);
    }

    /** How many creates were acknowledged. */
    public long acknowledged() {
        return orders.stream().filter(order -> order.orderId().isPresent()).count();
    }
}
