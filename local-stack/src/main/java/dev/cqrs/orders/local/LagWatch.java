package dev.cqrs.orders.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples the query service's consumer lag (records not yet applied, largest over its read models) from
 * {@code GET /admin/read-models}, as an operator's dashboard would: whether the read side keeps up with a load, and how
 * long it takes to catch up once the load stops. The service measures lag every {@code READ_MODEL_LAG_POLL_INTERVAL}.
 */
public final class LagWatch implements AutoCloseable {

    /** One look: seconds since the watch started, and the largest lag, or -1 when the service did not answer. */
    public record Sample(double atSeconds, long lag) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpRequest request;
    private final long startedNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean stopped;

    public LagWatch(String queryUrl, String adminAuth, Duration every) {
        this.request = HttpRequest.newBuilder(URI.create(queryUrl + "/admin/read-models")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(adminAuth.getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        this.sampler = new Thread(() -> {
            while (!stopped) {
                sample();
                try {
                    Poll.pause(every);
                } catch (IllegalStateException interrupted) {
                    return;
                }
            }
        }, "lag-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long lag = -1;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                for (JsonNode readModel : json.readTree(response.body())) {
                    lag = Math.max(lag, readModel.path("lagRecords").asLong(-1));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            lag = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
        synchronized (samples) {
            samples.add(new Sample((System.nanoTime() - startedNanos) / 1e9, lag));
        }
    }

    /** Samples until the lag is 0 or {@code timeout} passes; the seconds it took, empty if it never got there. */
    public OptionalLong secondsUntilCaughtUp(Duration timeout) {
        long from = System.nanoTime();
        while (System.nanoTime() - from < timeout.toNanos()) {
            Sample last = last();
            if (last != null && last.lag() == 0 && last.atSeconds() * 1e9 > from - startedNanos) {
                return OptionalLong.of(Math.round((System.nanoTime() - from) / 1e9));
            }
            Poll.pause(Duration.ofMillis(200));
        }
        return OptionalLong.empty();
    }

    public long peak() {
        synchronized (samples) {
            return samples.stream().mapToLong(Sample::lag).max().orElse(-1);
        }
    }

    public Sample last() {
        synchronized (samples) {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
