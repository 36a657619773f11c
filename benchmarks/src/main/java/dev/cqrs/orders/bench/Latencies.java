package dev.cqrs.orders.bench;

import java.util.Locale;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes), safe to record into
 * from many threads. Callers record from the <em>intended</em> start of an operation, so a stalled system shows up
 * in the percentiles instead of being hidden by a client that waited (coordinated omission).
 */
final class Latencies {

    private static final long MAX_MICROS = 600_000_000L;

    private final Histogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1_000)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at a percentile (0–100), in milliseconds. */
    double ms(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    double p50() {
        return ms(50);
    }

    double p99() {
        return ms(99);
    }

    double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
    }

    double meanMs() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1_000.0;
    }

    Histogram copy() {
        return histogram.copy();
    }

    /** "p50 1.2 / p90 … / p99 … / p99.9 … / max … ms (n)" */
    String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s, p90 %s, p99 %s, p99.9 %s, max %s ms (n=%d)",
                Fmt.ms(ms(50)), Fmt.ms(ms(90)), Fmt.ms(ms(99)), Fmt.ms(ms(99.9)), Fmt.ms(maxMs()), count());
    }
}
