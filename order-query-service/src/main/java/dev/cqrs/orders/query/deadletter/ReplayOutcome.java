package dev.cqrs.orders.query.deadletter;

import java.util.List;

/**
 * What a replay or discard did.
 *
 * @param id          the letter asked for
 * @param action      {@code replay} or {@code discard}
 * @param discarded   the letter discarded, if any
 * @param replayed    letters applied, in order
 * @param failed      the letter that failed and is now the head of its order, if any
 * @param stillOpen   OPEN letters left for the order
 * @param caughtUp    true when the order has no OPEN letter left and flows again
 */
public record ReplayOutcome(String id, String action, String readModel, String orderId, String discarded,
                            List<String> replayed, Failure failed, int stillOpen, boolean caughtUp) {

    public record Failure(String id, String error) {
    }
}
