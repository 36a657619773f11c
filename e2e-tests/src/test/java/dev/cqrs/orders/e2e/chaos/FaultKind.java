package dev.cqrs.orders.e2e.chaos;

/** The faults the chaos suite injects while the load runs; every killed or stopped process is started again. */
public enum FaultKind {
    KILL_COMMAND("kill -9 of the command service (and the relay inside it) at a random moment of the load, then restart"),
    KILL_COMMAND_AFTER_COMMIT("kill -9 of the command service the moment a 2xx arrives for some command, then restart"),
    KILL_QUERY("kill -9 of the query service while it consumes (records pending), then restart"),
    RESTART_KAFKA("stop the Kafka broker (SIGTERM), keep it down a moment, start it"),
    RESTART_POSTGRES("stop PostgreSQL (SIGTERM, fast shutdown), keep it down a moment, start it"),
    REWIND_QUERY_OFFSETS("stop the query service, move every consumer group of the topic back, start it: it sees duplicates");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
