package dev.cqrs.orders.command.relay;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How old the oldest WAL is that the relay has not confirmed, from periodic samples of (newest WAL position, time)
 * and the slot's confirmed position: once the slot confirmed a sampled position, everything written before that
 * sample's time is published. It needs no event to have been published, so it stays right on an idle outbox (where
 * the heartbeat moves the slot) and on a replica that just started or does not lead.
 */
final class UnpublishedWalAge {

    /** A stuck relay adds one sample per interval; past this many the middle ones are thinned, never the oldest. */
    private static final int MAX_SAMPLES = 4096;

    private record Sample(long lsn, long atMillis) {
    }

    private final Deque<Sample> pending = new ArrayDeque<>();
    private long confirmedUpToMillis = -1;

    /** Records the server's newest WAL position and the slot's confirmed one, both as byte positions, at {@code nowMillis}. */
    synchronized void sample(long currentLsn, long confirmedLsn, long nowMillis) {
        pending.addLast(new Sample(currentLsn, nowMillis));
        while (!pending.isEmpty() && pending.peekFirst().lsn() <= confirmedLsn) {
            confirmedUpToMillis = pending.pollFirst().atMillis();
        }
        if (pending.size() > MAX_SAMPLES) {
            Sample oldest = pending.pollFirst();
            pending.pollFirst();
            pending.addFirst(oldest);
        }
    }

    /** Seconds since the newest moment up to which the slot confirmed all WAL; 0 while nothing is pending. */
    synchronized double seconds(long nowMillis) {
        if (pending.isEmpty()) {
            return 0;
        }
        long since = confirmedUpToMillis >= 0 ? confirmedUpToMillis : pending.peekFirst().atMillis();
        return Math.max(0, (nowMillis - since) / 1000.0);
    }
}
