package dev.cqrs.orders.events;

import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the {@code data} of one event type from one schema version to the next. Old events stay on the topic
 * forever; upcasters let every consumer, and every rebuild, read them as the current record.
 */
interface Upcaster {

    String eventType();

    /** The version this upcaster reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    void upcast(ObjectNode data);
}
