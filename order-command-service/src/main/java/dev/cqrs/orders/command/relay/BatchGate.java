package dev.cqrs.orders.command.relay;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Lets a stopping relay end between two batches. The batch being published finishes, and the one left in flight while
 * a backlog drains is acknowledged before the polling thread parks, so the offsets flushed at stop cover everything
 * that reached Kafka and the next start publishes nothing twice. (A full batch that was the backlog's last stays in
 * flight until the next batch or heartbeat; a stop before that publishes it again, duplicates the consumers drop.)
 * Every later batch waits here unsent
 * until the engine's close interrupts it; it stays in the slot for the next start. Holding Debezium's polling thread
 * here also keeps it from handing records to the engine's record executor while close() shuts that executor down,
 * which otherwise ends the engine with a RejectedExecutionException.
 */
final class BatchGate {

    private boolean closed;
    private boolean busy;
    private boolean parked;

    /** Work the polling thread does at a closed gate before it parks there. */
    @FunctionalInterface
    interface BeforeParking {
        void run() throws InterruptedException;
    }

    /**
     * Before a batch: once the gate is closed, runs {@code beforeParking} (counted as a batch in progress, so a stop
     * waits for it), then waits until interrupted.
     */
    void enter(BeforeParking beforeParking) throws InterruptedException {
        synchronized (this) {
            if (!closed) {
                busy = true;
                return;
            }
            busy = true;
        }
        try {
            beforeParking.run();
        } finally {
            leave();
        }
        synchronized (this) {
            while (closed) {
                parked = true;
                notifyAll();
                try {
                    wait();
                } finally {
                    parked = false;
                }
            }
            busy = true;
        }
    }

    /** After a batch, published or not. */
    synchronized void leave() {
        busy = false;
        notifyAll();
    }

    /**
     * Closes the gate and waits, at most {@code forBatch}, for the batch in progress to end, then at most
     * {@code forPark} for the polling thread to arrive at the gate with its next batch (it never does while the outbox
     * is idle). Answers whether no batch is in progress any more.
     */
    synchronized boolean close(Duration forBatch, Duration forPark) throws InterruptedException {
        closed = true;
        awaitUntil(() -> !busy, forBatch);
        if (busy) {
            return false;
        }
        // The polling thread may arrive while it waits, and then first finishes the batch it left in flight.
        awaitUntil(() -> parked || busy, forPark);
        awaitUntil(() -> !busy, forBatch);
        return !busy;
    }

    private void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
