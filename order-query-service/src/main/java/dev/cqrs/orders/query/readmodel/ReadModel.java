package dev.cqrs.orders.query.readmodel;

import java.util.List;

/**
 * One read model as a whole, so that it can be served, monitored and rebuilt by name: its consumer group, the
 * collections it owns and how to project into any generation of them. The live listener and a rebuild run the same
 * {@link Projection} code, only against different collections.
 */
public interface ReadModel {

    /** Every live listener's consumer group is this and the read model's name. */
    String GROUP_PREFIX = "order-query.";

    /** A short, stable name: the metric tag, the admin path segment and the alias key, e.g. {@code order-view}. */
    String name();

    /** The Kafka consumer group of its live listener; no other read model shares it. */
    default String consumerGroup() {
        return GROUP_PREFIX + name();
    }

    /** Base names of the collections it owns; a rebuild writes a fresh generation of every one of them. */
    List<String> collections();

    /** Creates the indexes its queries need on one generation of its collections; creating twice is a no-op. */
    default void ensureIndexes(ReadModelCollections collections) {
    }

    /** A projection writing into the given generation of its collections. */
    Projection projectionInto(ReadModelCollections collections);
}
