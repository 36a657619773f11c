package dev.cqrs.orders.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The stable wire name and schema version of an event record; renaming the class never changes them. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The name written to the envelope's {@code eventType} and the Kafka header of the same name. */
    String name();

    /** The schema version of this record's JSON shape. */
    int version();
}
