package dev.cqrs.orders.query.admission;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

import dev.cqrs.orders.admin.ProblemJson;
import dev.cqrs.orders.webapi.EarlyRefusalFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Refuses a read with 503 and Retry-After once Tomcat's queue has held more than {@code orders.query.http.max-queued}
 * requests for {@code orders.query.http.shed-after} on end. Past what the cores sustain, every request queued
 * there waits before the service even sees it, and the answers of waiting readers queue behind them: all answers come
 * late, the client's deadline passes, and it retries. A refusal costs one short pass through the filter and no read, so
 * the queue drains and the admitted reads keep their deadlines. A queue past the bound for less than {@code shed-after}
 * is a burst, not overload: one read of the waiting orders wakes up to a hundred readers at once, and their answers
 * queue together. Runs before authentication; probes, operators' paths and async answers are never refused.
 */
class ReadAdmission extends EarlyRefusalFilter {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final long NOT_PAST_THE_BOUND = Long.MIN_VALUE;

    private final TomcatQueue queue;
    private final int maxQueued;
    private final long shedAfterNanos;
    private final LongSupplier nanoClock;
    private final Counter shed;
    /** When a read first found the queue past the bound since one last found it within; racing reads only shift it. */
    private volatile long pastTheBoundSince = NOT_PAST_THE_BOUND;

    ReadAdmission(TomcatQueue queue, int maxQueued, Duration shedAfter, LongSupplier nanoClock, MeterRegistry meters) {
        if (maxQueued < 0) {
            throw new IllegalArgumentException("orders.query.http.max-queued must not be negative, got " + maxQueued);
        }
        if (shedAfter.isNegative()) {
            throw new IllegalArgumentException("orders.query.http.shed-after must not be negative, got " + shedAfter);
        }
        this.queue = queue;
        this.maxQueued = maxQueued;
        this.shedAfterNanos = shedAfter.toNanos();
        this.nanoClock = nanoClock;
        this.shed = Counter.builder("orders.reads.shed")
                .description("Reads refused with 503 because too many requests waited for a Tomcat thread")
                .register(meters);
        Gauge.builder("orders.http.queued", queue, TomcatQueue::length)
                .description("Requests waiting in Tomcat's queue for a thread").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals("/orders") || path.startsWith("/orders/") || path.startsWith("/customers/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int queued = queue.length();
        if (queued > maxQueued && pastTheBoundLongEnough()) {
            shed.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemJson.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), "Overloaded",
                    queued + " requests wait for this service's threads (more than " + maxQueued + "); retry after a"
                            + " second", request.getRequestURI());
            return;
        }
        if (queued <= maxQueued) {
            pastTheBoundSince = NOT_PAST_THE_BOUND;
        }
        chain.doFilter(request, response);
    }

    private boolean pastTheBoundLongEnough() {
        long now = nanoClock.getAsLong();
        long since = pastTheBoundSince;
        if (since == NOT_PAST_THE_BOUND) {
            pastTheBoundSince = now;
            since = now;
        }
        return now - since >= shedAfterNanos;
    }
}
