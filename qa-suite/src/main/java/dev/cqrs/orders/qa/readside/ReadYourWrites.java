package dev.cqrs.orders.qa.readside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;
import tools.jackson.databind.JsonNode;

/**
 * Read-your-writes as a client uses it: right after a 2xx, {@code GET /orders/{id}?minVersion=<that version>}. The
 * answer must keep its promise: {@code X-Read-Model-Stale: false} only with the version asked for or a newer one,
 * {@code true} only below it. A stale answer is allowed (the wait is bounded, faults delay the read side); a broken
 * promise is a violation. One in {@code 1 / share} acknowledgements is followed this way, in the client's thread.
 */
public final class ReadYourWrites {

    /** What the reads found. */
    public record Result(long reads, long fresh, long stale, long unavailable, List<Long> freshMillis, List<String> violations) {
    }

    private final OrdersHttp http;
    private final Observations observations;
    private final long every;
    private final Duration wait;
    private final AtomicLong acknowledgements = new AtomicLong();
    private final AtomicLong fresh = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final List<Long> freshMillis = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    public ReadYourWrites(OrdersHttp http, Observations observations, double share, Duration wait) {
        this.http = http;
        this.observations = observations;
        this.every = share <= 0 ? 0 : Math.max(1, Math.round(1 / share));
        this.wait = wait;
    }

    /** Called by a client right after the 2xx that gave the order {@code version}. */
    public void afterAcknowledgement(OrderRecord order, String orderId, long version) {
        if (every == 0 || acknowledgements.incrementAndGet() % every != 0) {
            return;
        }
        long sent = System.nanoTime();
        OrdersHttp.Exchange reply = http.viewAtLeast(orderId, version, wait);
        long answered = System.nanoTime();
        judge(order, orderId, version, reply, sent, answered);
    }

    void judge(OrderRecord order, String orderId, long minVersion, OrdersHttp.Exchange reply, long sent, long answered) {
        if (!reply.answered() || reply.status() >= 500) {
            unavailable.incrementAndGet();
            return;
        }
        if (reply.status() == 404) {
            if (reply.stale()) {
                stale.incrementAndGet();
            } else {
                violation(orderId + ": 404 for minVersion " + minVersion + " without X-Read-Model-Stale: true");
            }
            return;
        }
        if (reply.status() != 200) {
            violation(orderId + ": minVersion " + minVersion + " answered " + reply.describe());
            return;
        }
        JsonNode json = reply.json();
        long version = json.path("version").asLong();
        observations.observe(order, orderId, version, OrderStatus.valueOf(json.path("status").asString()), sent, answered);
        if (reply.stale() && version >= minVersion) {
            violation(orderId + ": X-Read-Model-Stale: true, but the view has version " + version + " >= minVersion " + minVersion);
        } else if (!reply.stale() && version < minVersion) {
            violation(orderId + ": version " + version + " for minVersion " + minVersion + " without X-Read-Model-Stale: true");
        } else if (reply.stale()) {
            stale.incrementAndGet();
        } else {
            fresh.incrementAndGet();
            synchronized (freshMillis) {
                freshMillis.add((answered - sent) / 1_000_000);
            }
        }
    }

    private void violation(String text) {
        synchronized (violations) {
            violations.add(text);
        }
    }

    public Result result() {
        synchronized (freshMillis) {
            synchronized (violations) {
                long reads = fresh.get() + stale.get() + unavailable.get() + violations.size();
                return new Result(reads, fresh.get(), stale.get(), unavailable.get(), List.copyOf(freshMillis),
                        List.copyOf(violations));
            }
        }
    }
}
