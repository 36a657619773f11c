package dev.cqrs.orders.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a timer's total and count from a service's /actuator/prometheus, so that the mean over a window tells which
 * stage a delay sits in: the relay's {@code orders_relay_commit_to_publish_seconds} (command side) and the projections'
 * {@code orders_projection_delay_seconds{readModel="order-view"}} (query side, from the command's timestamp to applied).
 */
final class ServiceMetrics {

    static final String RELAY_DELAY = "orders_relay_commit_to_publish_seconds";
    static final String PROJECTION_DELAY = "orders_projection_delay_seconds";
    static final String GC_PAUSE = "jvm_gc_pause_seconds";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A timer's sum (seconds) and count at one moment. */
    record Timer(double sumSeconds, double count) {

        /** The mean in milliseconds between an earlier reading and this one. */
        double meanMsSince(Timer before) {
            if (before == null || count - before.count <= 0) {
                return Double.NaN;
            }
            return 1000 * (sumSeconds - before.sumSeconds) / (count - before.count);
        }

        /**
         * How many observations, and their total in milliseconds, between an earlier reading and this one; a null
         * earlier reading is a series with no observation yet.
         */
        double countSince(Timer before) {
            return before == null ? count : count - before.count;
        }

        double totalMsSince(Timer before) {
            return 1000 * (before == null ? sumSeconds : sumSeconds - before.sumSeconds);
        }
    }

    /** A timer's histogram at one moment: the cumulative count at each bucket's upper bound (seconds). */
    record Histogram(Map<Double, Double> cumulative) {

        /**
         * The {@code percentile} of the observations between an earlier reading and this one, as the upper bound (ms)
         * of the bucket that holds it: the resolution of the service's own histogram. A null earlier reading is a
         * series that had no observation yet (a JVM that just started), so everything counts.
         */
        double percentileMsSince(Histogram before, double percentile) {
            if (before == null) {
                before = new Histogram(Map.of());
            }
            double total = countSince(before, Double.POSITIVE_INFINITY);
            if (total <= 0) {
                return Double.NaN;
            }
            for (double bound : cumulative.keySet()) {
                if (countSince(before, bound) >= total * percentile / 100) {
                    return bound * 1000;
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        private double countSince(Histogram before, double bound) {
            return cumulative.getOrDefault(bound, 0.0) - before.cumulative.getOrDefault(bound, 0.0);
        }
    }

    private ServiceMetrics() {
    }

    /** The timer's histogram, summed over the series whose labels contain {@code labelFilter}; null when unreadable. */
    static Histogram readHistogram(String baseUrl, String authorization, String name, String labelFilter) {
        return Scrape.of(baseUrl, authorization).histogram(name, labelFilter);
    }

    /** The sum of a gauge's series whose labels contain {@code labelFilter}; NaN when unreadable or absent. */
    static double readGauge(String baseUrl, String authorization, String name, String labelFilter) {
        return Scrape.of(baseUrl, authorization).gauge(name, labelFilter);
    }

    /**
     * The timer's reading, summed over the series whose labels contain {@code labelFilter}; null when unreadable.
     * {@code authorization}: the Basic credential of an operator (/actuator/prometheus is not public).
     */
    static Timer read(String baseUrl, String authorization, String name, String labelFilter) {
        return Scrape.of(baseUrl, authorization).timer(name, labelFilter);
    }

    /** One answer of a service's /actuator/prometheus, read for as many series as needed; empty when unreadable. */
    record Scrape(String body) {

        static Scrape of(String baseUrl, String authorization) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(5)).GET().build();
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                return new Scrape(response.statusCode() == 200 ? response.body() : null);
            } catch (Exception e) {
                return new Scrape(null);
            }
        }

        Histogram histogram(String name, String labelFilter) {
            if (body == null) {
                return null;
            }
            Map<Double, Double> cumulative = new TreeMap<>();
            for (String line : body.split("\n")) {
                if (!line.startsWith(name + "_bucket") || (labelFilter != null && !line.contains(labelFilter))) {
                    continue;
                }
                int le = line.indexOf("le=\"");
                if (le < 0) {
                    continue;
                }
                String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                cumulative.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
            return cumulative.isEmpty() ? null : new Histogram(cumulative);
        }

        double gauge(String name, String labelFilter) {
            if (body == null) {
                return Double.NaN;
            }
            double sum = 0;
            boolean found = false;
            for (String line : body.split("\n")) {
                if ((line.startsWith(name + "{") || line.startsWith(name + " "))
                        && (labelFilter == null || line.contains(labelFilter))) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? sum : Double.NaN;
        }

        Timer timer(String name, String labelFilter) {
            if (body == null) {
                return null;
            }
            try {
                double sum = 0;
                double count = 0;
                boolean found = false;
                for (String line : body.split("\n")) {
                    if (line.startsWith("#") || (labelFilter != null && !line.contains(labelFilter))) {
                        continue;
                    }
                    String value = line.substring(line.lastIndexOf(' ') + 1);
                    if (line.startsWith(name + "_sum")) {
                        sum += Double.parseDouble(value);
                        found = true;
                    } else if (line.startsWith(name + "_count")) {
                        count += Double.parseDouble(value);
                    }
                }
                return found ? new Timer(sum, count) : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
