package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.local.LocalSystem;

/**
 * Every metric that k8s/monitoring's alerts and dashboard read is one the real services export: both are scraped at
 * /actuator/prometheus, as Prometheus would, after an order went through (timers exist from their first event on).
 * deploy-tests check the same files with promtool; this is the half that needs running services.
 */
@EndToEnd
class MonitoringMetricNamesIT {

    private static final Pattern METRIC = Pattern.compile("\\borders_[a-z0-9_]+\\b");
    private static final List<String> FILES = List.of("k8s/monitoring/prometheus-rules.yaml",
            "k8s/monitoring/grafana-dashboard.json");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsExportedByAService(LocalSystem system, OrdersApi api) throws Exception {
        Set<String> referenced = new TreeSet<>();
        for (String file : FILES) {
            referenced.addAll(metrics(Files.readString(repoRoot().resolve(file), StandardCharsets.UTF_8)));
        }
        assertThat(referenced).as("metrics named in " + FILES).hasSizeGreaterThan(10);

        String orderId = api.createdOrder(Eventually.newCustomer("metrics"), "EUR", List.of(new Item("BOOK-1", 1, 999)));
        Eventually.visibleAt(api, orderId, 1);
        // The relay samples its slot every few seconds; the timers exist once they saw an event.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>(scrape(system, system.commandUrl()));
            exported.addAll(scrape(system, system.queryUrl()));
            assertThat(exported).as("metrics exported by both services").containsAll(referenced);
        });
        System.out.printf("MonitoringMetricNamesIT: %d metric names of the rules and dashboard found in the scrape: %s%n",
                referenced.size(), referenced);
    }

    /**
     * Spring Security's own observations are off in both services (orders.security.observations), while every request
     * is still timed. The first scrape passes the admin filter chain (Basic authentication, authorization), so the
     * second would show that chain's meters if it were observed.
     */
    @Test
    void requestsAreTimedWithoutSpringSecuritysObservations(LocalSystem system, OrdersApi api) throws Exception {
        String orderId = api.createdOrder(Eventually.newCustomer("observations"), "EUR", List.of(new Item("BOOK-1", 1, 999)));
        Eventually.visibleAt(api, orderId, 1);
        for (String baseUrl : List.of(system.commandUrl(), system.queryUrl())) {
            scrape(system, baseUrl);
            assertThat(scrape(system, baseUrl)).as(baseUrl).contains("http_server_requests_seconds_count")
                    .noneMatch(name -> name.startsWith("spring_security_"));
        }
    }

    /** The names of the samples a Prometheus scrape of the service returns. */
    private Set<String> scrape(LocalSystem system, String baseUrl) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("Authorization", system.adminAuthorization()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** Failsafe runs in the module's folder, one level below the repository's root. */
    private static Path repoRoot() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("k8s/monitoring")).as("the repository root seen from e2e-tests").isDirectory();
        return root;
    }
}
