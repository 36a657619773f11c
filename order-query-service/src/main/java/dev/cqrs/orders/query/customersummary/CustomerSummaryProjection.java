package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.CREATED_AT;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.CURRENCY;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.STATUS;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.TOTAL_CENTS;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.ConcurrentBatchChangeException;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import dev.cqrs.orders.query.readmodel.VersionedWriter;
import org.bson.Document;

/**
 * Projects order events into per-customer counters without ever counting an event twice. Two steps, each idempotent
 * on its own, so no transaction is needed:
 * <ol>
 *   <li>the event updates the order's facts in {@code customer_order_facts} through {@link VersionedWriter}
 *       (duplicates and stale events change nothing, gaps are retried);</li>
 *   <li>the summary is then brought up to the facts: if it counts the order at an older version (or not at all), the
 *       store moves the order's contribution from what it counted to what the facts say ({@link CustomerSummaryStore}).
 *       A duplicate finds it counted already and writes nothing.</li>
 * </ol>
 * Step 2 runs for duplicates too, so a crash between the two steps is healed by the redelivery, and it moves from
 * whatever the summary counts, so it stays right even if it skipped versions. A batch ({@link #applyAll}) does both
 * steps for all its events at once: the facts as one {@link VersionedWriter#applyAll}, then each order's latest facts
 * brought into the summaries by one {@link CustomerSummaryStore#recountAll}.
 */
class CustomerSummaryProjection implements Projection {

    /** A concurrent writer (another order of the customer never conflicts; a rebuild's overlap can) wins a round. */
    private static final int MAX_ATTEMPTS = 5;

    private final VersionedStore facts;
    private final VersionedWriter writer;
    private final CustomerSummaryStore summaries;

    CustomerSummaryProjection(VersionedStore facts, CustomerSummaryStore summaries) {
        this.facts = facts;
        this.writer = new VersionedWriter(facts, CustomerSummaryReadModel.NAME);
        this.summaries = summaries;
    }

    @Override
    public String readModel() {
        return CustomerSummaryReadModel.NAME;
    }

    @Override
    public ApplyOutcome apply(EventEnvelope envelope) {
        String orderId = envelope.aggregateId().toString();
        ApplyOutcome factsOutcome = writer.apply(factsChange(envelope));
        OrderFacts order = facts.find(orderId).map(OrderFacts::from).orElseThrow(() -> new IllegalStateException(
                CustomerSummaryReadModel.NAME + ": the facts of order " + orderId
                        + " were just written, yet cannot be read back"));
        boolean recounted = recount(order);
        return factsOutcome == ApplyOutcome.APPLIED || recounted ? ApplyOutcome.APPLIED : factsOutcome;
    }

    /**
     * Both steps for a batch: the facts of every event, then each order's latest facts into its summary. The outcomes
     * are those of one by one: an event is APPLIED when it changed the facts, or when it is its order's first in the
     * batch and the summary lagged behind the facts before the batch (a crash between the two steps, healed here).
     */
    @Override
    public List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
        List<VersionedWriter.Change> changes = envelopes.stream().map(this::factsChange).toList();
        List<ApplyOutcome> factsOutcomes = writer.applyAll(changes);
        Map<String, Integer> firstOfOrder = new LinkedHashMap<>();
        Map<String, Integer> factsApplied = new HashMap<>();
        Map<String, Integer> eventsOfOrder = new HashMap<>();
        for (int i = 0; i < envelopes.size(); i++) {
            String orderId = envelopes.get(i).aggregateId().toString();
            firstOfOrder.putIfAbsent(orderId, i);
            eventsOfOrder.merge(orderId, 1, Integer::sum);
            if (factsOutcomes.get(i) == ApplyOutcome.APPLIED) {
                factsApplied.merge(orderId, 1, Integer::sum);
            }
        }
        // An order whose one event here created its facts has them as the creation wrote them: no read back, and no
        // summary can count it yet. The usual batch at a light load is one new order.
        Map<String, OrderFacts> created = new HashMap<>();
        firstOfOrder.forEach((orderId, i) -> {
            if (eventsOfOrder.get(orderId) == 1 && factsOutcomes.get(i) == ApplyOutcome.APPLIED
                    && envelopes.get(i).event() instanceof OrderCreated) {
                created.put(orderId, written(changes.get(i)));
            }
        });
        List<OrderFacts> orders = latestFacts(firstOfOrder.keySet(), created);
        Map<String, Long> countedBefore = summaries.recountAll(orders, created.keySet());
        Set<String> healed = new HashSet<>();
        for (OrderFacts order : orders) {
            Long counted = countedBefore.get(order.orderId());
            // Each applied event moved the facts one version: what they were before the batch.
            long factsBefore = order.version() - factsApplied.getOrDefault(order.orderId(), 0);
            if (counted != null && counted < factsBefore) {
                healed.add(order.orderId());
            }
        }
        List<ApplyOutcome> outcomes = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            String orderId = envelopes.get(i).aggregateId().toString();
            boolean healing = firstOfOrder.get(orderId) == i && healed.contains(orderId);
            outcomes.add(factsOutcomes.get(i) == ApplyOutcome.APPLIED || healing ? ApplyOutcome.APPLIED : factsOutcomes.get(i));
        }
        return outcomes;
    }

    private VersionedWriter.Change factsChange(EventEnvelope envelope) {
        String orderId = envelope.aggregateId().toString();
        OrderEvent event = envelope.event();
        if (event instanceof OrderCreated created) {
            return VersionedWriter.Change.creation(orderId, envelope.eventId(), new Document(CUSTOMER_ID, created.customerId())
                    .append(CURRENCY, created.currency())
                    .append(TOTAL_CENTS, created.totalCents())
                    .append(CREATED_AT, Date.from(envelope.occurredAt()))
                    .append(STATUS, OrderStatus.CREATED.name()));
        }
        return VersionedWriter.Change.update(orderId, envelope.eventId(), envelope.aggregateVersion(),
                new Document(STATUS, statusAfter(event).name()));
    }

    /** Each order's facts after the batch, in the batch's order: those it created as written, the others read back. */
    private List<OrderFacts> latestFacts(Set<String> orderIds, Map<String, OrderFacts> created) {
        List<String> toRead = orderIds.stream().filter(orderId -> !created.containsKey(orderId)).toList();
        Map<String, Document> found = facts.findAll(toRead);
        List<OrderFacts> orders = new ArrayList<>(orderIds.size());
        for (String orderId : orderIds) {
            OrderFacts written = created.get(orderId);
            Document document = found.get(orderId);
            if (written != null) {
                orders.add(written);
            } else if (document == null) {
                throw new ConcurrentBatchChangeException(CustomerSummaryReadModel.NAME + ": the facts of order "
                        + orderId + " were just written, yet cannot be read back");
            } else {
                orders.add(OrderFacts.from(document));
            }
        }
        return orders;
    }

    /** The facts as a change that took effect wrote them, so they need no read back. */
    private static OrderFacts written(VersionedWriter.Change change) {
        return OrderFacts.from(new Document(change.fields()).append(VersionedStore.ID, change.id())
                .append(VersionedStore.VERSION, change.version()));
    }

    private boolean recount(OrderFacts order) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<CountedOrder> counted = summaries.counted(order.customerId(), order.orderId());
            if (counted.isPresent() && counted.get().version() >= order.version()) {
                return false; // already counted at this version or a newer one
            }
            if (summaries.recount(order, counted.orElse(null))) {
                return true;
            }
        }
        throw new IllegalStateException(CustomerSummaryReadModel.NAME + ": the summary of customer "
                + order.customerId() + " kept changing while counting order " + order.orderId() + "; it is retried");
    }

    private static OrderStatus statusAfter(OrderEvent event) {
        if (event instanceof OrderConfirmed) {
            return OrderStatus.CONFIRMED;
        }
        if (event instanceof OrderShipped) {
            return OrderStatus.SHIPPED;
        }
        if (event instanceof OrderCancelled) {
            return OrderStatus.CANCELLED;
        }
        throw new IllegalStateException(CustomerSummaryReadModel.NAME + " has no handling for "
                + event.getClass().getName());
    }
}
