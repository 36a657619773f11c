package dev.cqrs.orders.local;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** What the clients of a {@link ReadYourWritesLoad} saw, in figures and as a report. */
public record ReadYourWritesResult(List<ReadYourWritesLoad.Outcome> outcomes, long startedNanos,
                                   ReadYourWritesLoad.Settings settings) {

    private static final Duration WINDOW = Duration.ofSeconds(5);

    public int sent() {
        return outcomes.size();
    }

    /** GETs answered 200 with the order at the version asked for. */
    public long gotTheOrder() {
        return outcomes.stream().filter(ReadYourWritesLoad.Outcome::gotTheOrder).count();
    }

    /** Clients that did not get their order back; with POSTs only, those whose POST failed. */
    public long missed() {
        return settings.reads() ? sent() - gotTheOrder() : outcomes.stream().filter(o -> o.error() != null).count();
    }

    /**
     * {@link #missed()}, less the GETs the query service refused with 503 among the clients sent within
     * {@code coldStart} of the load's start: a fresh system's first seconds, which may refuse reads before it is warm.
     */
    public long missedAfter(Duration coldStart) {
        long coldStartEnds = startedNanos + coldStart.toNanos();
        return missed() - outcomes.stream().filter(o -> o.readShed() && o.sentAtNanos() < coldStartEnds).count();
    }

    /** POSTs the command service refused with 503: past what it takes, it sheds load rather than queue it. */
    public long shed() {
        return outcomes.stream().filter(ReadYourWritesLoad.Outcome::shed).count();
    }

    /** GETs the query service refused with 503: past what it takes, it answers at once rather than late. */
    public long readsShed() {
        return outcomes.stream().filter(ReadYourWritesLoad.Outcome::readShed).count();
    }

    /** Clients that failed for another reason than a 503: a connection refused or timed out, an unexpected status. */
    public long failed() {
        return outcomes.stream().filter(o -> o.error() != null && !o.shed()).count();
    }

    /** GETs that took longer than the wait they asked for plus {@code margin}: a deadline the server did not keep. */
    public long pastTheirDeadline(Duration margin) {
        long limit = settings.maxWait().plus(margin).toNanos();
        return outcomes.stream().filter(outcome -> outcome.getNanos() > limit).count();
    }

    /** A percentile (0-100) of the GETs' latency, in ms, over every client that got as far as its GET. */
    public double getPercentileMillis(double percentile) {
        return percentile(outcomes, ReadYourWritesLoad.Outcome::getNanos, percentile);
    }

    /** The same over the GETs of orders sent at least {@code warmUp} after the load began: the steady state. */
    public double getPercentileMillisAfter(Duration warmUp, double percentile) {
        long from = startedNanos + warmUp.toNanos();
        return percentile(outcomes.stream().filter(o -> o.sentAtNanos() >= from).toList(),
                ReadYourWritesLoad.Outcome::getNanos, percentile);
    }

    public double postPercentileMillis(double percentile) {
        return percentile(outcomes, ReadYourWritesLoad.Outcome::postNanos, percentile);
    }

    /** The figures in one line, then a line per 5 s of the load: what a reader of a check's output needs. */
    public String report() {
        if (!settings.reads()) {
            return String.format(Locale.ROOT, "%d orders at %.0f/s for %d s, POSTs only: %d failed, %d shed (503);"
                    + " POST p50 %.0f p99 %.0f ms", sent(), settings.ratePerSecond(), settings.duration().toSeconds(),
                    failed(), shed(), postPercentileMillis(50),
                    postPercentileMillis(99));
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%d orders at %.0f/s for %d s: %d GETs answered with the order, %d without (stale or 404: %d,"
                        + " GET shed with 503: %d, POST shed with 503: %d, other errors: %d);"
                        + " GET p50 %.0f p95 %.0f p99 %.0f max %.0f ms; POST p50 %.0f p99 %.0f ms; past their deadline: %d",
                sent(), settings.ratePerSecond(), settings.duration().toSeconds(), gotTheOrder(), missed(),
                outcomes.stream().filter(o -> o.error() == null && !o.gotTheOrder() && !o.readShed()).count(),
                readsShed(), shed(), failed(),
                getPercentileMillis(50), getPercentileMillis(95), getPercentileMillis(99), getPercentileMillis(100),
                postPercentileMillis(50), postPercentileMillis(99), pastTheirDeadline(Duration.ofMillis(500))));
        long windows = (settings.duration().toNanos() + WINDOW.toNanos() - 1) / WINDOW.toNanos();
        for (long w = 0; w < windows; w++) {
            long from = startedNanos + w * WINDOW.toNanos();
            List<ReadYourWritesLoad.Outcome> inWindow = outcomes.stream()
                    .filter(o -> o.sentAtNanos() >= from && o.sentAtNanos() < from + WINDOW.toNanos()).toList();
            text.append(String.format(Locale.ROOT,
                    "%n  %3d-%3d s: %4d sent, %4d with the order, %4d shed, GET p50 %6.0f p99 %6.0f ms",
                    w * WINDOW.toSeconds(), (w + 1) * WINDOW.toSeconds(), inWindow.size(),
                    inWindow.stream().filter(ReadYourWritesLoad.Outcome::gotTheOrder).count(),
                    inWindow.stream().filter(ReadYourWritesLoad.Outcome::shed).count(),
                    percentile(inWindow, ReadYourWritesLoad.Outcome::getNanos, 50),
                    percentile(inWindow, ReadYourWritesLoad.Outcome::getNanos, 99)));
        }
        outcomes.stream().filter(o -> o.error() != null && !o.shed()).findFirst()
                .ifPresent(o -> text.append(System.lineSeparator()).append("  first error: ").append(o.error()));
        return text.toString();
    }

    /** Nearest-rank percentile in ms; NaN when there is nothing to rank. */
    static double percentile(List<ReadYourWritesLoad.Outcome> outcomes, ToLongFunction<ReadYourWritesLoad.Outcome> nanos,
                             double percentile) {
        long[] values = outcomes.stream().filter(o -> o.error() == null).mapToLong(nanos).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))] / 1e6;
    }
}
