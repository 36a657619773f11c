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

    @Override
    public String name() {
        return CustomerSummaryProjection.READ_MODEL;
    }

    @Override
    public String consumerGroup() {
        return CustomerSummaryProjection.CONSUMER_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(CustomerSummaryFields.FACTS, CustomerSummaryFields.CONTRIBUTIONS, CustomerSummaryFields.SUMMARIES);
    }

    @Override
    public Projection projectionInto(ReadModelCollections collections) {
        return projection(collections);
    }

    CustomerSummaryProjection projection(ReadModelCollections collections) {
        return new CustomerSummaryProjection(
                new MongoVersionedStore(() -> collections.get(CustomerSummaryFields.FACTS)),
                new MongoCustomerSummaryStore(() -> collections.get(CustomerSummaryFields.CONTRIBUTIONS),
                        () -> collections.get(CustomerSummaryFields.SUMMARIES)));
    }
}
