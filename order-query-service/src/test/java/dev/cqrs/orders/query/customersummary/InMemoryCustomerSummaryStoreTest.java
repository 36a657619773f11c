package dev.cqrs.orders.query.customersummary;

/** The fake used by projection tests honours the store contract. */
class InMemoryCustomerSummaryStoreTest extends CustomerSummaryStoreContract {

    @Override
    protected CustomerSummaryStore newStore() {
        return new InMemoryCustomerSummaryStore();
    }
}
