package dev.cqrs.orders.qa.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What the clients and the fault injector share: which orders may start (the load is released in segments, one
 * per fault, so that every fault meets load), how many acknowledgements arrived, and a one-shot hook that runs in
 * the client thread the moment the next 2xx arrives.
 */
public final class Progress {

    /** An acknowledged command, as the hook sees it. */
    public record Ack(String command, String orderId, long version, long receivedNanos) {
    }

    private final int orders;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Consumer<Ack>> onNextAck = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition releasedMore = lock.newCondition();
    private int released;
    private boolean aborted;

    public Progress(int orders) {
        this.orders = orders;
    }

    public int orders() {
        return orders;
    }

    /** Lets orders with an index below {@code upTo} start. */
    public void release(int upTo) {
        lock.lock();
        try {
            released = Math.max(released, Math.min(upTo, orders));
            releasedMore.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #abort} ended the load early. */
    public boolean aborted() {
        lock.lock();
        try {
            return aborted;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the run early: waiting clients get no more orders. */
    public void abort() {
        lock.lock();
        try {
            aborted = true;
            releasedMore.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next order for a client, once its segment is released; -1 when there are no more. */
    public int nextOrder() throws InterruptedException {
        int index = next.getAndIncrement();
        if (index >= orders) {
            return -1;
        }
        lock.lock();
        try {
            while (released <= index && !aborted) {
                releasedMore.await();
            }
            return aborted ? -1 : index;
        } finally {
            lock.unlock();
        }
    }

    public void orderDone() {
        completed.incrementAndGet();
    }

    /** Orders whose client has finished with them. */
    public int completed() {
        return completed.get();
    }

    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long acks() {
        return acks.get();
    }

    /** Counts an acknowledgement and, if a hook is set, runs it here and now (once). */
    public void acknowledged(Ack ack) {
        acks.incrementAndGet();
        Consumer<Ack> hook = onNextAck.getAndSet(null);
        if (hook != null) {
            hook.accept(ack);
        }
    }

    /** Runs {@code hook} in the client thread that receives the next 2xx. */
    public void onNextAck(Consumer<Ack> hook) {
        onNextAck.set(hook);
    }

    /** Removes a hook that has not run; true if it was still set. */
    public boolean cancelHook(Consumer<Ack> hook) {
        return onNextAck.compareAndSet(hook, null);
    }
}
