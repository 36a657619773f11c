package dev.cqrs.orders.command.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.webapi.EarlyRefusalFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds the commands in progress. Past the bound a command waits a moment for a place, then gets 503 with
 * Retry-After: past what the database and the CPU sustain, queueing only turns every client's answer into a timeout
 * (at 300 orders/s with readers, POSTs waited up to Hikari's 30 s and new clients could not connect), while a quick
 * refusal keeps the admitted commands fast. Runs before authentication, so a refusal costs no signature check;
 * operators' and probes' paths are never refused.
 */
@Component
class AdmissionControl extends EarlyRefusalFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore places;
    private final long waitNanos;
    private final Counter shed;

    AdmissionControl(@Value("${orders.http.max-commands-in-progress:32}") int maxInProgress,
                     @Value("${orders.http.admission-wait:500ms}") Duration wait, MeterRegistry meters) {
        if (maxInProgress < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("orders.http.max-commands-in-progress must be at least 1 and"
                    + " orders.http.admission-wait not negative, got " + maxInProgress + " and " + wait);
        }
        this.places = new Semaphore(maxInProgress);
        this.waitNanos = wait.toNanos();
        this.shed = Counter.builder("orders.commands.shed")
                .description("Commands refused with 503 because the bound on commands in progress was reached")
                .register(meters);
        Gauge.builder("orders.commands.in_progress", places, free -> maxInProgress - free.availablePermits())
                .description("Commands admitted and not yet answered").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals("/orders") || path.startsWith("/orders/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admitted()) {
            shed.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            FilterProblems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
                    "the service has as many commands in progress as it takes; retry after a second (with the same"
                            + " Idempotency-Key for a create)");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }

    private boolean admitted() {
        try {
            return places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
