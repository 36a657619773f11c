package dev.cqrs.orders.local;

/** The TCP ports of every component of the local system. */
public record StackPorts(int postgres, int kafka, int kafkaController, int mongo, int command, int query, int console) {

    /**
     * The ports from PG_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, MONGO_PORT, COMMAND_PORT, QUERY_PORT and CONSOLE_PORT,
     * or their defaults.
     */
    public static StackPorts fromEnv() {
        return fromEnv(Env.system());
    }

    static StackPorts fromEnv(Env env) {
        return new StackPorts(
                env.port("PG_PORT", 5432),
                env.port("KAFKA_PORT", 9092),
                env.port("KAFKA_CONTROLLER_PORT", 9093),
                env.port("MONGO_PORT", 27017),
                env.port("COMMAND_PORT", 8081),
                env.port("QUERY_PORT", 8082),
                env.port("CONSOLE_PORT", 8083));
    }

    /** Ports that were free a moment ago, for tests that run beside anything else on the machine. */
    public static StackPorts free() {
        return new StackPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free());
    }

    /** The environment variable that sets a component's port. */
    static String variable(Component component) {
        return switch (component) {
            case POSTGRES -> "PG_PORT";
            case KAFKA -> "KAFKA_PORT";
            case MONGO -> "MONGO_PORT";
            case COMMAND -> "COMMAND_PORT";
            case QUERY -> "QUERY_PORT";
            case CONSOLE -> "CONSOLE_PORT";
        };
    }

    /** The port a component listens on (Kafka: its client listener). */
    public int of(Component component) {
        return switch (component) {
            case POSTGRES -> postgres;
            case KAFKA -> kafka;
            case MONGO -> mongo;
            case COMMAND -> command;
            case QUERY -> query;
            case CONSOLE -> console;
        };
    }
}
