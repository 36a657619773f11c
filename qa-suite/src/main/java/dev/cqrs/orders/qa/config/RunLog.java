package dev.cqrs.orders.qa.config;

import java.util.Locale;

/** The run's progress lines on standard output, each with the seconds since the run started. */
public final class RunLog {

    private RunLog() {
    }

    public static void log(long runStartNanos, String message) {
        System.out.printf(Locale.ROOT, "[qa] %7.1f s %s%n", (System.nanoTime() - runStartNanos) / 1e9, message);
    }
}
