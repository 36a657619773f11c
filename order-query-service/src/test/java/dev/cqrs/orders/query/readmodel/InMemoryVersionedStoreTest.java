package dev.cqrs.orders.query.readmodel;

/** The fake used by projection tests honours the store contract. */
class InMemoryVersionedStoreTest extends VersionedStoreContract {

    @Override
    protected VersionedStore newStore() {
        return new InMemoryVersionedStore();
    }
}
