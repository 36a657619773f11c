package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@code GET ?minVersion=1&waitMs=5000}. First at 50 orders/s: every GET answers with the order (or, in the cold
 * start's first seconds only, with the admission control's 503) and the p99 stays bounded. Then an overload: the rate
 * climbs in steps until the read side trails by {@value #TRAILING} records, so the overload is past what this machine's
 * read side follows, whatever the machine. At every step every reader has its answer by its deadline as the client
 * measures it (the order, stale when the view is behind, or a 503 from the query service's admission control; never an
 * error), the command service sheds what it cannot take with 503, and the lag returns to zero within a minute.
 * {@code mvn verify} runs 30 s and steps of 15 s; the full size with -De2e.rywSeconds=120 or
 * scripts/read-your-writes-check.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadYourWritesIT {

    private static final long SECONDS = Long.getLong("e2e.rywSeconds", 30);
    private static final double MAX_P99_MS = Double.parseDouble(System.getProperty("e2e.rywMaxP99Ms", "1000"));
    /** How long after the load starts a fresh system may still refuse a read (docs/read-your-writes.md, "Still open"). */
    private static final Duration COLD_START = Duration.ofSeconds(10);
    /**
     * The overload's steps. A fixed rate is not portable: one that clearly overloads one machine's read side saturates a
     * slower machine's command side and client too (docs/read-your-writes.md, "The overload's rate, on
     * another machine").
     */
    private static final double[] OVERLOAD_RATES = Arrays.stream(System.getProperty("e2e.rywOverloadRates",
            "100,150,200,250,300").split(",")).mapToDouble(Double::parseDouble).toArray();
    private static final long STEP_SECONDS = Long.getLong("e2e.rywOverloadStepSeconds", 15);
    /** Records the read side must trail by before the overload stops climbing: seconds of waiting for its readers. */
    private static final long TRAILING = 300;

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
        return queryMetric("orders.read_your_writes.waited", "MAX");
    }

    /** One statistic of one of the query service's meters, from its actuator. */
    private static double queryMetric(String name, String statistic) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.queryUrl() + "/actuator/metrics/" + name))
                            // A service that stopped answering (it ran out of heap once) fails the test, not hangs it.
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", system.adminAuthorization()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            java.util.regex.Matcher value = java.util.regex.Pattern
                    .compile("\\{\"statistic\":\"" + statistic + "\",\"value\":([0-9.Ee+-]+)}").matcher(response.body());
            assertThat(value.find()).as(response.body()).isTrue();
            return Double.parseDouble(value.group(1));
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
        // Every reader gets its order, except reads the admission control refused (at once, with Retry-After) in the
        // cold start's first seconds: in the coldest starts Tomcat's queue passes its bound there (8 and 16 GETs of
        // 1,500 in two CI runs of 2026-12-05, all sent in the first 5 s). A refusal later, a stale answer, a 404, an
        // error or a refused POST fails the test.
        assertThat(result.missedAfter(COLD_START)).as(result.report()).isZero();
        // The collapse this guards against never recovers, so the 1 s bound holds the run's second half: how long the
        // first seconds after "ready" stay slow depends on how fast this machine is that hour (p99 above 1 s until the
        // 15th second in one CI run), and the fresh start's speed is a benchmark figure (P2), not a gate here.
        assertThat(result.getPercentileMillisAfter(Duration.ofSeconds(SECONDS / 2), 99)).as(result.report())
                .isLessThan(MAX_P99_MS);
        assertThat(result.getPercentileMillis(99)).as(result.report()).isLessThan(5_000);
    }

    @Test
    @Order(2)
    void pastWhatTheReadSideSustainsReadersGetTheirTimeoutAnswerAndTheLagReturnsToZero() {
        List<ReadYourWritesResult> steps = new ArrayList<>();
        // The counter is the service's since it started, so it holds whatever the first test's load had shed too.
        long readsShedBefore = (long) queryMetric("orders.reads.shed", "COUNT");
        OptionalLong caughtUp;
        long peak;
        try (LagWatch lag = lag()) {
            for (double rate : OVERLOAD_RATES) {
                ReadYourWritesResult step = new ReadYourWritesLoad(load(rate, STEP_SECONDS), system.staffAuthorization()).run();
                steps.add(step);
                System.out.println("[e2e] overload step at " + rate + "/s: " + step.report() + System.lineSeparator()
                        + "[e2e] largest lag so far " + lag.peak() + " records");
                if (lag.peak() >= TRAILING) {
                    break;
                }
            }
            caughtUp = lag.secondsUntilCaughtUp(Duration.ofSeconds(60));
            peak = lag.peak();
        }
        double longestWait = longestServerSideWaitSeconds();
        long readsShed = (long) queryMetric("orders.reads.shed", "COUNT") - readsShedBefore;
        System.out.println("[e2e] overload: largest lag " + peak + " records; "
                + (caughtUp.isPresent() ? "caught up " + caughtUp.getAsLong() + " s after the load" : "not caught up within 60 s")
                + "; longest server-side wait " + longestWait + " s; reads the query service shed: " + readsShed);

        assertThat(peak).as("the load went past what the read side follows (largest lag, records)")
                .isGreaterThanOrEqualTo(TRAILING);
        steps.forEach(ReadYourWritesIT::everyReaderHadItsAnswerInTime);
        assertThat(steps.stream().mapToLong(ReadYourWritesResult::readsShed).sum())
                .as("every 503 a reader got was the admission control's").isEqualTo(readsShed);
        assertThat(longestWait).as("longest wait the service measured, waitMs 5 s").isLessThan(5.0);
        assertThat(caughtUp).as("lag back to zero within a minute after the load").isPresent();
    }

    /**
     * Past what it takes, each service refuses at once (503, Retry-After) instead of queueing: the command service past
     * its commands in progress, the query service past the requests waiting for its threads. Every order taken has a
     * reader, and every reader an answer (the order, stale, or refused) by its deadline as the client measures it, none
     * an error: without the query service's admission control, the answers of woken readers queue for its threads and
     * come seconds late.
     */
    private static void everyReaderHadItsAnswerInTime(ReadYourWritesResult step) {
        assertThat(step.failed()).as(step.report()).isZero();
        assertThat(step.outcomes()).filteredOn(outcome -> !outcome.shed())
                .allSatisfy(outcome -> assertThat(outcome.getStatus()).isIn(200, 404, 503));
        assertThat(step.shed()).as("most orders were taken: " + step.report()).isLessThan(step.sent() / 2);
        assertThat(step.readsShed()).as("most reads were answered: " + step.report()).isLessThan(step.sent() / 2);
        assertThat(step.pastTheirDeadline(Duration.ZERO)).as(step.report()).isZero();
    }
}
