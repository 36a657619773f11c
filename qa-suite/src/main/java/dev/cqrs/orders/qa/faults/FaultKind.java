package dev.cqrs.orders.qa.faults;

/** The faults the suite injects while the load runs; whatever is killed or stopped runs again before the fault ends. */
public enum FaultKind {
    KILL_COMMAND(Part.COMMAND, "kill -9 of the command service (and the relay inside it), with requests in flight if it can"),
    KILL_COMMAND_AFTER_COMMIT(Part.COMMAND, "kill -9 of the command service the moment a 2xx arrives for some command"),
    KILL_QUERY(Part.QUERY, "kill -9 of the query service while it consumes (records not yet committed)"),
    REWIND_QUERY_OFFSETS(Part.QUERY, "stop the query service, move its consumer groups back, start it: it sees duplicates"),
    RESTART_POSTGRES(Part.POSTGRES, "stop PostgreSQL cleanly (SIGTERM, fast shutdown), then start it"),
    RESTART_KAFKA(Part.KAFKA, "stop the Kafka broker cleanly (SIGTERM), then start it"),
    RESTART_MONGO(Part.MONGO, "stop MongoDB cleanly (SIGTERM), then start it"),
    CRASH_POSTGRES(Part.POSTGRES, "kill -9 of PostgreSQL's postmaster (crash recovery on the next start)"),
    CRASH_KAFKA(Part.KAFKA, "kill -9 of the Kafka broker (log recovery on the next start)"),
    CRASH_MONGO(Part.MONGO, "kill -9 of the MongoDB store process");

    private final Part part;
    private final String description;

    FaultKind(Part part, String description) {
        this.part = part;
        this.description = description;
    }

    /** The part it kills or stops. */
    public Part part() {
        return part;
    }

    public String description() {
        return description;
    }
}
