package dev.cqrs.orders.query.customersummary;

import java.util.List;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;

/**
 * The customer summary as a whole: its per-order facts, its per-order contributions and its summaries are one read
 * model, rebuilt and switched together. All three are read by {@code _id} only, which MongoDB always indexes.
 */
final class CustomerSummaryReadModel implements ReadModel {

    /** Its key, written only here: also the id of its listener and the {@link Projection#readModel()}. */
    static final String NAME = "customer-summary";
    static final String CONSUMER_GROUP = ReadModel.GROUP_PREFIX + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(CustomerSummaryFields.FACTS, CustomerSummaryFields.CONTRIBUTIONS, CustomerSummaryFields.SUMMARIES);
    }

    @Override
    public CustomerSummaryProjection projectionInto(ReadModelCollections collections) {
        return new CustomerSummaryProjection(
                new MongoVersionedStore(() -> collections.get(CustomerSummaryFields.FACTS)),
                new MongoCustomerSummaryStore(() -> collections.get(CustomerSummaryFields.CONTRIBUTIONS),
                        () -> collections.get(CustomerSummaryFields.SUMMARIES)));
    }
}
