package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report's hop table and memory rows read the services' Prometheus text: a stand-in serves one here. */
class ServiceMetricsTest {

    private static final String SCRAPE = """
            # HELP orders_relay_commit_to_publish_seconds commit to publish
            orders_relay_commit_to_publish_seconds_bucket{le="0.005"} 10
            orders_relay_commit_to_publish_seconds_bucket{le="0.01"} 60
            orders_relay_commit_to_publish_seconds_bucket{le="0.05"} 100
            orders_relay_commit_to_publish_seconds_bucket{le="+Inf"} 101
            orders_relay_commit_to_publish_seconds_count 101
            orders_relay_commit_to_publish_seconds_sum 1.5
            jvm_memory_committed_bytes{area="heap",id="eden space"} 1048576
            jvm_memory_committed_bytes{area="heap",id="tenured generation"} 2097152
            jvm_memory_committed_bytes{area="nonheap",id="Metaspace"} 4194304
            jvm_threads_live_threads 42
            """;

    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] body = SCRAPE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPercentileOverAWindowIsTheUpperBoundOfTheBucketThatHoldsIt() {
        ServiceMetrics.Histogram after = ServiceMetrics.readHistogram(url, "Basic x", ServiceMetrics.RELAY_DELAY, null);
        ServiceMetrics.Histogram before = new ServiceMetrics.Histogram(new TreeMap<>(Map.of(0.005, 10.0, 0.01, 20.0,
                0.05, 30.0, Double.POSITIVE_INFINITY, 30.0)));

        // In the window: none ≤ 5 ms, 40 ≤ 10 ms, 70 ≤ 50 ms, 71 in all.
        assertThat(after.percentileMsSince(before, 50)).isEqualTo(10.0);
        assertThat(after.percentileMsSince(before, 98)).isEqualTo(50.0);
        assertThat(after.percentileMsSince(before, 99)).isInfinite();
        assertThat(after.percentileMsSince(after, 50)).as("nothing in the window").isNaN();
        assertThat(after.percentileMsSince(null, 50)).as("a series that did not exist before: all of it").isEqualTo(10.0);
    }

    @Test
    void aGaugeIsTheSumOfItsMatchingSeries() {
        assertThat(ServiceMetrics.readGauge(url, "Basic x", "jvm_memory_committed_bytes", "area=\"heap\""))
                .isEqualTo(3 * 1048576.0);
        assertThat(ServiceMetrics.readGauge(url, "Basic x", "jvm_threads_live_threads", null)).isEqualTo(42.0);
        assertThat(ServiceMetrics.readGauge(url, "Basic x", "jvm_buffer_memory_used_bytes", null)).isNaN();
    }

    @Test
    void aTimersCountAndTotalOverAWindow() {
        ServiceMetrics.Timer after = ServiceMetrics.read(url, "Basic x", ServiceMetrics.RELAY_DELAY, null);
        ServiceMetrics.Timer before = new ServiceMetrics.Timer(0.5, 1);

        assertThat(after.countSince(before)).isEqualTo(100.0);
        assertThat(after.totalMsSince(before)).isEqualTo(1000.0);
        assertThat(after.meanMsSince(before)).isEqualTo(10.0);
        assertThat(after.countSince(null)).isEqualTo(101.0);
    }
}
