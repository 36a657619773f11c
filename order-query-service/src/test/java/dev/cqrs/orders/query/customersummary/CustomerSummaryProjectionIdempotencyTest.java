package dev.cqrs.orders.query.customersummary;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import dev.cqrs.orders.query.readmodel.VersionedStore;

/** The contract, with the summaries' counters compared as well as the per-order facts. */
class CustomerSummaryProjectionIdempotencyTest extends ProjectionIdempotencyContract<CustomerSummaryProjection> {

    private final Map<CustomerSummaryProjection, InMemoryCustomerSummaryStore> summaries = new IdentityHashMap<>();

    @Override
    protected CustomerSummaryProjection newProjection(VersionedStore store) {
        InMemoryCustomerSummaryStore summaryStore = new InMemoryCustomerSummaryStore();
        CustomerSummaryProjection projection = new CustomerSummaryProjection(store, summaryStore);
        summaries.put(projection, summaryStore);
        return projection;
    }

    @Override
    protected Object derivedState(CustomerSummaryProjection projection) {
        return summaries.get(projection).all();
    }
}
