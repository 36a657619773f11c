package dev.cqrs.orders.local;

import java.util.List;

/** One process of the local system, in the order the system starts them. */
public enum Component {
    POSTGRES("postgres", true),
    KAFKA("kafka", true),
    MONGO("mongo", true),
    COMMAND("command-service", false),
    QUERY("query-service", false),
    /** The operator console; started last, but needs nothing running: it shows what is down. */
    CONSOLE("ops-console", false);

    private final String id;
    private final boolean infrastructure;

    Component(String id, boolean infrastructure) {
        this.id = id;
        this.infrastructure = infrastructure;
    }

    /** The short name used for its log file, its data directory and its subcommand. */
    public String id() {
        return id;
    }

    /** Whether it is a node of the local stack (started from the local-stack jar) rather than a service. */
    public boolean infrastructure() {
        return infrastructure;
    }

    /** PostgreSQL, Kafka and MongoDB. */
    public static List<Component> infra() {
        return List.of(POSTGRES, KAFKA, MONGO);
    }

    /** The components another one needs to be ready before it starts. */
    public List<Component> dependencies() {
        return switch (this) {
            case POSTGRES, KAFKA, MONGO -> List.of();
            case COMMAND -> List.of(POSTGRES, KAFKA);
            case QUERY -> List.of(KAFKA, MONGO);
            case CONSOLE -> List.of();
        };
    }
}
