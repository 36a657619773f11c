package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The verdict's figures: who got the order, nearest-rank percentiles, and late answers. */
class ReadYourWritesResultTest {

    private static final long MS = 1_000_000;

    private static ReadYourWritesLoad.Settings settings(boolean reads) {
        return new ReadYourWritesLoad.Settings("http://c", "http://q", 10, Duration.ofSeconds(10), Duration.ofSeconds(5),
                reads, "t-");
    }

    private static ReadYourWritesLoad.Outcome got(long getMillis) {
        return new ReadYourWritesLoad.Outcome(0, 201, 3 * MS, 200, false, getMillis * MS, null);
    }

    @Test
    void countsOnlyFreshAnswersAsGettingTheOrder() {
        List<ReadYourWritesLoad.Outcome> outcomes = List.of(got(10),
                new ReadYourWritesLoad.Outcome(0, 201, MS, 200, true, 5000 * MS, null),
                new ReadYourWritesLoad.Outcome(0, 201, MS, 404, true, 5000 * MS, null),
                new ReadYourWritesLoad.Outcome(0, 201, MS, 503, true, 2 * MS, null),
                new ReadYourWritesLoad.Outcome(0, 503, MS, 0, true, 0, "POST answered 503"),
                new ReadYourWritesLoad.Outcome(0, 0, MS, 0, true, 0, "connect timed out"));
        ReadYourWritesResult result = new ReadYourWritesResult(outcomes, 0, settings(true));

        assertThat(result.gotTheOrder()).isEqualTo(1);
        assertThat(result.missed()).isEqualTo(5);
        assertThat(result.shed()).isEqualTo(1);
        assertThat(result.readsShed()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.report()).contains("1 GETs answered with the order, 5 without (stale or 404: 2, GET shed with"
                + " 503: 1, POST shed with 503: 1, other errors: 1)", "first error: connect timed out");
    }

    @Test
    void onlyReadsRefusedInTheColdStartAreForgiven() {
        long second = 1000 * MS;
        List<ReadYourWritesLoad.Outcome> outcomes = List.of(got(10),
                new ReadYourWritesLoad.Outcome(2 * second, 201, MS, 503, true, 2 * MS, null),
                new ReadYourWritesLoad.Outcome(3 * second, 201, MS, 503, true, 2 * MS, null),
                new ReadYourWritesLoad.Outcome(12 * second, 201, MS, 503, true, 2 * MS, null),
                new ReadYourWritesLoad.Outcome(2 * second, 201, MS, 200, true, 5000 * MS, null),
                new ReadYourWritesLoad.Outcome(2 * second, 503, MS, 0, true, 0, "POST answered 503"),
                new ReadYourWritesLoad.Outcome(2 * second, 0, MS, 0, true, 0, "connect timed out"));
        ReadYourWritesResult result = new ReadYourWritesResult(outcomes, second, settings(true));

        // Forgiven: the two refusals sent in the first 10 s. Not: the later refusal, the stale answer, the refused
        // POST and the error, though all three were sent in the first 10 s.
        assertThat(result.missed()).isEqualTo(6);
        assertThat(result.missedAfter(Duration.ofSeconds(10))).isEqualTo(4);
        assertThat(result.missedAfter(Duration.ZERO)).isEqualTo(6);
    }

    @Test
    void percentilesAreNearestRankOverAnsweredClients() {
        List<ReadYourWritesLoad.Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            outcomes.add(got(i));
        }
        outcomes.add(new ReadYourWritesLoad.Outcome(0, 0, MS, 0, true, 0, "failed before its GET"));
        ReadYourWritesResult result = new ReadYourWritesResult(outcomes, 0, settings(true));

        assertThat(result.getPercentileMillis(50)).isEqualTo(50.0);
        assertThat(result.getPercentileMillis(99)).isEqualTo(99.0);
        assertThat(result.getPercentileMillis(100)).isEqualTo(100.0);
        assertThat(new ReadYourWritesResult(List.of(), 0, settings(true)).getPercentileMillis(99)).isNaN();
    }

    @Test
    void theSteadyStatePercentileLeavesOutOrdersSentInTheWarmUp() {
        List<ReadYourWritesLoad.Outcome> outcomes = new ArrayList<>();
        for (int second = 0; second < 20; second++) {
            long slow = second < 10 ? 3000 : 20;
            outcomes.add(new ReadYourWritesLoad.Outcome(second * 1000 * MS, 201, MS, 200, false, slow * MS, null));
        }
        ReadYourWritesResult result = new ReadYourWritesResult(outcomes, 0, settings(true));

        assertThat(result.getPercentileMillis(99)).isEqualTo(3000.0);
        assertThat(result.getPercentileMillisAfter(Duration.ofSeconds(10), 99)).isEqualTo(20.0);
        assertThat(result.getPercentileMillisAfter(Duration.ofSeconds(9), 99)).isEqualTo(3000.0);
    }

    @Test
    void aGetLongerThanItsWaitAndTheMarginIsPastItsDeadline() {
        ReadYourWritesResult result = new ReadYourWritesResult(List.of(got(5_900), got(6_100), got(20)), 0, settings(true));

        assertThat(result.pastTheirDeadline(Duration.ofSeconds(1))).isEqualTo(1);
    }

    @Test
    void withPostsOnlyOnlyFailedPostsAreMissed() {
        ReadYourWritesResult result = new ReadYourWritesResult(List.of(
                new ReadYourWritesLoad.Outcome(0, 201, MS, 0, false, 0, null),
                new ReadYourWritesLoad.Outcome(0, 503, MS, 0, true, 0, "POST answered 503")), 0, settings(false));

        assertThat(result.missed()).isEqualTo(1);
        assertThat(result.report()).contains("POSTs only: 0 failed, 1 shed (503)");
    }
}
