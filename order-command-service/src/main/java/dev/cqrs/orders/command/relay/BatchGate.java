package dev.cqrs.orders.command.relay;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Lets a stopping relay end between two batches. The batch being published finishes, so the offsets flushed at stop
 * cover everything that reached Kafka and the next start publishes nothing twice. Every later batch waits here unsent
 * until the engine's close interrupts it; it stays in the slot for the next start. Holding Debezium's polling thread
 * here also keeps it from handing records to the engine's record executor while close() shuts that executor down,
 * which otherwise ends the engine with a RejectedExecutionException.
 */
final class BatchGate {

    private boolean closed;
    private boolean busy;
    private boolean parked;

    /** Before a batch: waits (until interrupted) once the gate is closed. */
    synchronized void enter() throws InterruptedException {
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
        awaitUntil(() -> parked, forPark);
        return true;
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
