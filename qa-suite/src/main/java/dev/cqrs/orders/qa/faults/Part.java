package dev.cqrs.orders.qa.faults;

/** A part of the system under test that a fault driver can kill, stop and bring back. */
public enum Part {
    COMMAND("command service"),
    QUERY("query service"),
    POSTGRES("PostgreSQL"),
    KAFKA("Kafka"),
    MONGO("MongoDB");

    private final String label;

    Part(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
