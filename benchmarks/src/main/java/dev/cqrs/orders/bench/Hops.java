package dev.cqrs.orders.bench;

import dev.cqrs.orders.local.LocalSystem;

/**
 * Where a P2 run's delay went, hop by hop, from the services' own metrics over the run: commit→published (the relay's
 * histogram), commit→applied to the order view (the projection's histogram), and the GC pauses of each service. With
 * the client's commit→visible they split the tail between relay, projection and the read-your-writes answer.
 */
record Hops(double publishedP50, double publishedP99, double appliedP50, double appliedP99,
            double commandGcPauses, double commandGcMs, double queryGcPauses, double queryGcMs) {

    static final Hops NONE = new Hops(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** The services' metrics at one moment; {@code published} is null when the polling relay stands in for ours. */
    record Reading(ServiceMetrics.Histogram published, ServiceMetrics.Histogram applied, ServiceMetrics.Timer commandGc,
                   ServiceMetrics.Timer queryGc) {

        static Reading take(LocalSystem system, boolean ourRelay) {
            String auth = system.adminAuthorization();
            ServiceMetrics.Scrape command = ServiceMetrics.Scrape.of(system.commandUrl(), auth);
            ServiceMetrics.Scrape query = ServiceMetrics.Scrape.of(system.queryUrl(), auth);
            return new Reading(ourRelay ? command.histogram(ServiceMetrics.RELAY_DELAY, null) : null,
                    query.histogram(ServiceMetrics.PROJECTION_DELAY, "readModel=\"order-view\""),
                    command.timer(ServiceMetrics.GC_PAUSE, null), query.timer(ServiceMetrics.GC_PAUSE, null));
        }

        Hops since(Reading before) {
            return new Hops(percentile(published, before.published, 50), percentile(published, before.published, 99),
                    percentile(applied, before.applied, 50), percentile(applied, before.applied, 99),
                    commandGc == null ? Double.NaN : commandGc.countSince(before.commandGc),
                    commandGc == null ? Double.NaN : commandGc.totalMsSince(before.commandGc),
                    queryGc == null ? Double.NaN : queryGc.countSince(before.queryGc),
                    queryGc == null ? Double.NaN : queryGc.totalMsSince(before.queryGc));
        }

        private static double percentile(ServiceMetrics.Histogram after, ServiceMetrics.Histogram before, double p) {
            return after == null ? Double.NaN : after.percentileMsSince(before, p);
        }
    }

    /** This run's hops as one table row's cells after its name. */
    String cells() {
        return bound(publishedP50) + " / " + bound(publishedP99) + " | " + bound(appliedP50) + " / " + bound(appliedP99)
                + " | " + gc(commandGcPauses, commandGcMs) + " | " + gc(queryGcPauses, queryGcMs);
    }

    /** A percentile read from a histogram is known only up to its bucket's upper bound. */
    private static String bound(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        return Double.isInfinite(ms) ? "beyond the last bucket" : "≤ " + Fmt.ms(ms);
    }

    private static String gc(double pauses, double totalMs) {
        return Double.isNaN(pauses) ? "n/a" : Fmt.num(pauses, 0) + " (" + Fmt.ms(totalMs) + " ms)";
    }
}
