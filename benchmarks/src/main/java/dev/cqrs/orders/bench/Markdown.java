package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.Locale;

/** The report as it is written: Markdown lines, and the row and verdict formats of its summary table. */
final class Markdown {

    private final StringBuilder out = new StringBuilder();

    void line(String text) {
        out.append(text).append('\n');
    }

    void line() {
        out.append('\n');
    }

    /** A section's heading and the blank line after it. */
    void heading(String title) {
        line("## " + title);
        line();
    }

    /** A table's header row (an empty column stays blank) and the line that ends the header. */
    void tableHead(String... columns) {
        StringBuilder header = new StringBuilder("|");
        for (String column : columns) {
            header.append(column.isEmpty() ? " |" : " " + column + " |");
        }
        line(header.toString());
        line("|" + "---|".repeat(columns.length));
    }

    /** One row of the summary table. */
    void row(String id, String figure, String ours, String baseline, String ratio, String goal, String met) {
        line("| " + id + " | " + figure + " | " + ours + " | " + baseline + " | " + ratio + " | " + goal + " | " + met + " |");
    }

    /** A goal's verdict: met only when its numbers were measured. */
    static String met(boolean met, double measured) {
        if (Double.isNaN(measured)) {
            return "not measured";
        }
        return met ? "**yes**" : "no";
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String seconds(Duration duration) {
        return duration == null ? "n/a" : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
