package dev.cqrs.orders.local.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's table of commit-to-visible delays, with min, median and max. */
final class DelayReport {

    /** One measured command. */
    record Row(String orderId, String command, long version, Duration delay, long totalCents, String currency) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Duration> delays() {
        return rows.stream().map(Row::delay).sorted().toList();
    }

    /** The nearest-rank percentile of the sorted delays. */
    static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no delays measured");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-10s %-8s %7s %10s %14s%n", "order", "command", "version", "delay ms", "total");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-10s %-8s %7d %10s %14s%n", row.orderId().substring(0, 8), row.command(),
                    row.version(), millis(row.delay()), money(row.totalCents(), row.currency()));
        }
        List<Duration> sorted = delays();
        out.printf(Locale.ROOT, "commit -> visible over %d commands: min %s ms, p50 %s ms, max %s ms%n", sorted.size(),
                millis(sorted.get(0)), millis(percentile(sorted, 50)), millis(sorted.get(sorted.size() - 1)));
    }

    static String millis(Duration delay) {
        return String.format(Locale.ROOT, "%.1f", delay.toNanos() / 1_000_000.0);
    }

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%s %d.%02d", currency, cents / 100, Math.abs(cents % 100));
    }
}
