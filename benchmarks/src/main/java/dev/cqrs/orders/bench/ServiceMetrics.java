package dev.cqrs.orders.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a timer's total and count from a service's /actuator/prometheus, so that the mean over a window tells which
 * stage a delay sits in: the relay's {@code orders_relay_commit_to_publish_seconds} (command side) and the projections'
 * {@code orders_projection_delay_seconds{readModel="order-view"}} (query side, from the command's timestamp to applied).
 */
final class ServiceMetrics {

    static final String RELAY_DELAY = "orders_relay_commit_to_publish_seconds";
    static final String PROJECTION_DELAY = "orders_projection_delay_seconds";

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
    }

    private ServiceMetrics() {
    }

    /**
     * The timer's reading, summed over the series whose labels contain {@code labelFilter}; null when unreadable.
     * {@code authorization}: the Basic credential of an operator (/actuator/prometheus is not public).
     */
    static Timer read(String baseUrl, String authorization, String name, String labelFilter) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            String body = response.body();
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
        } catch (Exception e) {
            return null;
        }
    }
}
