package dev.cqrs.orders.events;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The catalogue of event types, read from the sealed {@link OrderEvent} hierarchy so that it cannot drift. */
public final class EventTypes {

    private static final Map<String, Class<? extends OrderEvent>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<?> permitted : OrderEvent.class.getPermittedSubclasses()) {
            Class<? extends OrderEvent> type = permitted.asSubclass(OrderEvent.class);
            EventType annotation = annotationOf(type);
            if (BY_NAME.put(annotation.name(), type) != null) {
                throw new IllegalStateException("two event classes share the type name " + annotation.name());
            }
        }
    }

    private EventTypes() {
    }

    /** The wire name of an event class. */
    public static String nameOf(Class<? extends OrderEvent> type) {
        return annotationOf(type).name();
    }

    /** The schema version of an event class. */
    public static int versionOf(Class<? extends OrderEvent> type) {
        return annotationOf(type).version();
    }

    /** The class for a wire name, or null when this build does not know the name. */
    public static Class<? extends OrderEvent> classOf(String name) {
        return BY_NAME.get(name);
    }

    /** Every known wire name, in declaration order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    private static EventType annotationOf(Class<? extends OrderEvent> type) {
        EventType annotation = type.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalStateException(type.getName() + " lacks @EventType; permitted: "
                    + Arrays.toString(OrderEvent.class.getPermittedSubclasses()));
        }
        return annotation;
    }
}
