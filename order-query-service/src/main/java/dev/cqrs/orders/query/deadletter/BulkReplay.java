package dev.cqrs.orders.query.deadletter;

import java.util.List;

/** Body of {@code POST /admin/dead-letters/replay} and its answer, one result per id in the order given. */
public final class BulkReplay {

    private BulkReplay() {
    }

    public record Request(List<String> ids) {
    }

    /** {@code status} is the HTTP status the single replay would have answered (200, 404 or 409). */
    public record Result(String id, int status, ReplayOutcome outcome, String error) {
    }
}
