package dev.cqrs.orders.qa.faults;

import dev.cqrs.orders.local.Component;

/** A part of the system under test that a fault driver can kill, stop and bring back. */
public enum Part {
    COMMAND("command service", Component.COMMAND),
    QUERY("query service", Component.QUERY),
    POSTGRES("PostgreSQL", Component.POSTGRES),
    KAFKA("Kafka", Component.KAFKA),
    MONGO("MongoDB", Component.MONGO);

    private final String label;
    private final Component component;

    Part(String label, Component component) {
        this.label = label;
        this.component = component;
    }

    public String label() {
        return label;
    }

    /** The process of a local system (the suite's own, or a ./run local) that is this part. */
    public Component component() {
        return component;
    }
}
