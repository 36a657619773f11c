package dev.cqrs.orders.qa.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The suite's own threads: daemons, so that a run that ends (or fails) never waits for a sampler or a timer. */
public final class Daemons {

    private Daemons() {
    }

    /** Threads named {@code <prefix>1}, {@code <prefix>2}, ... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One scheduler thread, named {@code <name>1}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }
}
