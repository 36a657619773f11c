package dev.cqrs.orders.qa.report;

import java.util.Collection;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
public record Percentiles(int samples, long p50, long p95, long p99, long max) {

    public static Percentiles of(Collection<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code percent} % of the values at or below it. */
    static long rank(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public String toString() {
        return samples == 0 ? "no samples" : "p50=" + p50 + "ms p95=" + p95 + "ms p99=" + p99 + "ms max=" + max + "ms (" + samples + " samples)";
    }
}
