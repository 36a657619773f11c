package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;

import dev.cqrs.orders.local.LagWatch;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.local.ReadYourWritesLoad;
import dev.cqrs.orders.local.ReadYourWritesResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14 as a client meets it, on a fresh system of its own: orders at a fixed rate, each POST followed at once by
 * {@code GET ?minVersion=1&waitMs=5000}. First at 50 orders/s: every GET answers with the order and the p99 stays
 * bounded. Then an overload: twice the rate a fresh system here sustains with readers, then nothing: readers get their
 * answer by the service's deadline (stale when the view is behind, never an error), the command service sheds what it
 * cannot take with 503, and the lag returns to zero within a minute. {@code mvn verify} runs 30 s and 30 s; the full size with -De2e.rywSeconds=120 or
 * scripts/read-your-writes-check.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadYourWritesIT {

    private static final long SECONDS = Long.getLong("e2e.rywSeconds", 30);
    private static final double MAX_P99_MS = Double.parseDouble(System.getProperty("e2e.rywMaxP99Ms", "1000"));
    /**
     * Twice the rate a fresh system here sustains with readers from its first second (100/s, p99 under a second;
     * docs/read-your-writes.md). -De2e.rywOverloadRate=300 doubles the rate it sustains once warm (150/s).
     */
    private static final double OVERLOAD_RATE = Double.parseDouble(System.getProperty("e2e.rywOverloadRate", "200"));
    private static final long OVERLOAD_SECONDS = Long.getLong("e2e.rywOverloadSeconds", 30);

    private static LocalSystem system;

    @BeforeAll
    static void startAFreshSystem() {
        system = RunningSystem.fresh("read-your-writes");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static ReadYourWritesLoad.Settings load(double rate, long seconds) {
        return new ReadYourWritesLoad.Settings(system.commandUrl(), system.queryUrl(), rate, Duration.ofSeconds(seconds),
                Duration.ofSeconds(5), true, Eventually.newCustomer("ryw") + "-");
    }

    /** The largest wait the query service recorded for a read-your-writes request, in seconds (MAX of its timer). */
    private static double longestServerSideWaitSeconds() {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.queryUrl()
                                    + "/actuator/metrics/orders.read_your_writes.waited"))
                            // A service that stopped answering (it ran out of heap once) fails the test, not hangs it.
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", system.adminAuthorization()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            java.util.regex.Matcher max = java.util.regex.Pattern
                    .compile("\\{\"statistic\":\"MAX\",\"value\":([0-9.Ee+-]+)}").matcher(response.body());
            assertThat(max.find()).as(response.body()).isTrue();
            return Double.parseDouble(max.group(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LagWatch lag() {
        return new LagWatch(system.queryUrl(), system.adminUser() + ":" + system.adminPassword(), Duration.ofSeconds(1));
    }

    @Test
    @Order(1)
    void onAFreshSystemEveryReadYourWritesGetAnswersWithTheOrder() {
        ReadYourWritesResult result;
        try (LagWatch lag = lag()) {
            result = new ReadYourWritesLoad(load(50, SECONDS), system.staffAuthorization()).run();
            System.out.println("[e2e] read-your-writes on a fresh system: " + result.report()
                    + System.lineSeparator() + "[e2e] largest lag " + lag.peak() + " records");
        }

        assertThat(result.sent()).isEqualTo(50 * SECONDS);
        assertThat(result.missed()).as(result.report()).isZero();
        // Gated from the 10th second on: how slow the first seconds after "ready" are depends on how fast this machine
        // is that hour (first-5-s p99 0.6-3.1 s in today's CI runs); scripts/read-your-writes-check gates the whole run.
        assertThat(result.getPercentileMillisAfter(Duration.ofSeconds(10), 99)).as(result.report()).isLessThan(MAX_P99_MS);
        assertThat(result.getPercentileMillis(99)).as(result.report()).isLessThan(5_000);
    }

    @Test
    @Order(2)
    void pastWhatTheReadSideSustainsReadersGetTheirTimeoutAnswerAndTheLagReturnsToZero() {
        ReadYourWritesResult result;
        OptionalLong caughtUp;
        long peak;
        try (LagWatch lag = lag()) {
            result = new ReadYourWritesLoad(load(OVERLOAD_RATE, OVERLOAD_SECONDS), system.staffAuthorization()).run();
            caughtUp = lag.secondsUntilCaughtUp(Duration.ofSeconds(60));
            peak = lag.peak();
        }
        System.out.println("[e2e] overload at " + OVERLOAD_RATE + "/s: " + result.report() + System.lineSeparator()
                + "[e2e] largest lag " + peak + " records; "
                + (caughtUp.isPresent() ? "caught up " + caughtUp.getAsLong() + " s after the load" : "not caught up within 60 s"));

        double longestWait = longestServerSideWaitSeconds();
        System.out.println("[e2e] overload: longest server-side wait " + longestWait + " s; GETs the client saw later than"
                + " waitMs + 1 s: " + result.pastTheirDeadline(Duration.ofSeconds(1)));

        // Past what it takes, the command service refuses POSTs at once (503, Retry-After) instead of queueing them;
        // every order it accepted has a reader, and every reader an answer (stale or not), none an error.
        assertThat(result.failed()).as(result.report()).isZero();
        assertThat(result.outcomes()).filteredOn(outcome -> !outcome.shed())
                .allSatisfy(outcome -> assertThat(outcome.getStatus()).isIn(200, 404));
        assertThat(result.shed()).as("most orders were taken").isLessThan(result.sent() / 2);
        // The service answers a waiting request a tenth of the wait before the client's deadline. On two cores the load
        // saturates, its timer runs late by GC pauses and time slices (docs/read-your-writes.md), so the bound is the
        // client's deadline plus a second; a deadline queued behind reads or the view's lag would be seconds late.
        assertThat(longestWait).as("longest wait the service measured, waitMs 5 s").isLessThan(6.0);
        // What the client sees on top (Tomcat's queue before the request begins, its own CPU) is printed above, not
        // gated: a read side catching up wakes hundreds of readers together, whose answers queue for the service's
        // threads, and in CI this system shares the cores with the suite's other one (docs/read-your-writes.md).
        assertThat(peak).as("the load really went past what the read side follows (largest lag, records)")
                .isGreaterThanOrEqualTo(100);
        assertThat(caughtUp).as("lag back to zero within a minute after the load").isPresent();
    }
}
