package dev.cqrs.orders.events;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/** The chain of upcasters, applied one version at a time until the data matches the current record. */
final class Upcasters {

    private static final List<Upcaster> ALL = List.of(new OrderCreatedV1ToV2());

    private Upcasters() {
    }

    /** Upcasts {@code data} from {@code version} to {@code target}, or throws when a step is missing. */
    static void upcast(String eventType, int version, int target, ObjectNode data) {
        for (int current = version; current < target; current++) {
            int from = current;
            Upcaster step = ALL.stream()
                    .filter(u -> u.eventType().equals(eventType) && u.fromVersion() == from)
                    .findFirst()
                    .orElseThrow(() -> new UnsupportedEventVersionException(eventType + " version " + from
                            + " cannot be read: no upcaster to version " + (from + 1)));
            step.upcast(data);
        }
    }

    /** OrderCreated v1 had no discount: reading it as v2 means a discount of 0. */
    static final class OrderCreatedV1ToV2 implements Upcaster {

        @Override
        public String eventType() {
            return "OrderCreated";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public void upcast(ObjectNode data) {
            data.put("discountCents", 0L);
        }
    }
}
