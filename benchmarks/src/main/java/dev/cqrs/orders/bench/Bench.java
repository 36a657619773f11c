package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.List;

import dev.cqrs.orders.local.LocalSystem;

/**
 * The system under measurement and what every phase uses on it: its clients, the CPU meter, the orders created so far,
 * the read models, what a stall looked like, and the run's notes.
 */
record Bench(Settings settings, LocalSystem system, OrdersHttp http, Topics topics, CpuMeter cpu, Orders orders,
             ReadModels readModels, Stall stall, List<String> notes) {

    static final String TOPIC = "orders.events";

    /**
     * Waits until the system has nothing left to do: the relay published an event for every order in the command
     * database (each has exactly one OrderCreated) and every read model applied all of them. Every read model, not
     * only the order view: a backlog left in another one (the customer summary is the slowest) would still be
     * projected during the next measurement, on the same CPU and Mongo wire server, and be measured as its delay.
     */
    void quiesce() throws Exception {
        quiesce(null);
    }

    /** Waits, at most 5 minutes, until the relay published an event for every order in the command database. */
    void awaitPublished() throws Exception {
        awaitPublished(System.nanoTime() + Duration.ofMinutes(5).toNanos());
    }

    private boolean awaitPublished(long deadline) throws Exception {
        long committed = Databases.queryLong(system.jdbcUrl(), "SELECT count(*) FROM orders");
        while (Topics.sum(topics.ends(TOPIC)) < committed && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return Topics.sum(topics.ends(TOPIC)) >= committed;
    }

    /** {@link #quiesce()}; with a name, how long the catch-up took goes into the report's read-model lines. */
    void quiesce(String before) throws Exception {
        Duration timeout = settings.quick() ? Duration.ofSeconds(60) : Duration.ofMinutes(5);
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitPublished(deadline)) {
            notes.add("the relay had not published every committed order after " + timeout.toSeconds()
                    + " s; the next run started anyway");
            notes.addAll(stall.describeOnce(ReadModels.KNOWN_GROUPS));
        }
        readModels.awaitCaughtUp(before, Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(30).toNanos())));
    }
}
