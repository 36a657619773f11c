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
    /** How long the queue must stay within the bound before an overload ends. */
    static final Duration CALM = Duration.ofSeconds(1);
    private static final long NOT_SET = Long.MIN_VALUE;

    private final TomcatQueue queue;
    private final int maxQueued;
    private final long shedAfterNanos;
    private final LongSupplier nanoClock;
    private final Counter shed;
    /** When a read first found the queue past the bound, outside an overload. */
    private volatile long pastSince = NOT_SET;
    /** During an overload: when a read first found the queue back within the bound. */
    private volatile long withinSince = NOT_SET;
    private volatile boolean overloaded;

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
        if (refuses(queued)) {
            shed.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemJson.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), "Overloaded",
                    queued + " requests wait for this service's threads (more than " + maxQueued + "); retry after a"
                            + " second", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether this read is refused. An overload starts once the queue has been past the bound for {@code shed-after},
     * and ends only once it has stayed within it for {@link #CALM}: refusals drain the queue below the bound at once, and
     * a new grace on every dip would let it grow past the bound again, with the answers of waiting readers behind it.
     * Racing reads only shift these instants.
     */
    private boolean refuses(int queued) {
        long now = nanoClock.getAsLong();
        if (queued <= maxQueued) {
            if (overloaded) {
                if (withinSince == NOT_SET) {
                    withinSince = now;
                } else if (now - withinSince >= CALM.toNanos()) {
                    overloaded = false;
                }
            }
            if (!overloaded) {
                pastSince = NOT_SET;
            }
            return false;
        }
        withinSince = NOT_SET;
        if (!overloaded) {
            if (pastSince == NOT_SET) {
                pastSince = now;
            }
            overloaded = now - pastSince >= shedAfterNanos;
        }
        return overloaded;
    }
}
