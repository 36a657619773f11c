package dev.cqrs.orders.query.admission;

import java.io.IOException;

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
 * Refuses a read with 503 and Retry-After while more than {@code orders.query.http.max-queued} requests wait in
 * Tomcat's queue. Past what the cores sustain, every request queued there waits before the service even sees it, and
 * the answers of waiting readers queue behind them: all answers come late, the client's deadline passes, and it
 * retries. A refusal costs one short pass through the filter and no read, so the queue drains and the admitted reads
 * keep their deadlines. Runs before authentication; probes, operators' paths and async answers are never refused.
 */
class ReadAdmission extends EarlyRefusalFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final TomcatQueue queue;
    private final int maxQueued;
    private final Counter shed;

    ReadAdmission(TomcatQueue queue, int maxQueued, MeterRegistry meters) {
        if (maxQueued < 0) {
            throw new IllegalArgumentException("orders.query.http.max-queued must not be negative, got " + maxQueued);
        }
        this.queue = queue;
        this.maxQueued = maxQueued;
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
        if (queued > maxQueued) {
            shed.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemJson.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), "Overloaded",
                    queued + " requests wait for this service's threads (more than " + maxQueued + "); retry after a"
                            + " second", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
