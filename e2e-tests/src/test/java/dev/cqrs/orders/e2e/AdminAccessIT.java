package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.local.LocalSystem;

/**
 * The real processes, started as {@code ./run local} starts them: the credential the launcher hands to both services
 * opens /admin and the actuator, and nothing else does.
 */
@EndToEnd
class AdminAccessIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> protectedUrls(LocalSystem system) {
        return List.of(system.queryUrl() + "/admin/read-models", system.queryUrl() + "/admin/dead-letters",
                system.queryUrl() + "/admin/rebuilds", system.queryUrl() + "/actuator/prometheus",
                system.queryUrl() + "/actuator/metrics", system.commandUrl() + "/actuator/prometheus",
                system.commandUrl() + "/actuator/metrics");
    }

    @Test
    void onlyTheLaunchersOperatorGetsIntoTheAdminAndActuatorEndpoints(LocalSystem system) throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString(
                (system.adminUser() + ":not-" + system.adminPassword()).getBytes(StandardCharsets.UTF_8));
        for (String url : protectedUrls(system)) {
            HttpResponse<String> anonymous = get(url, null);
            assertThat(anonymous.statusCode()).as("anonymous GET %s", url).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"orders-admin\"");
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(get(url, wrong).statusCode()).as("wrong password GET %s", url).isEqualTo(401);
            assertThat(get(url, system.adminAuthorization()).statusCode()).as("operator GET %s", url).isEqualTo(200);
        }
    }

    @Test
    void healthShowsComponentsToTheOperatorOnlyAndTheProbesStayOpen(LocalSystem system) throws Exception {
        for (String base : List.of(system.commandUrl(), system.queryUrl())) {
            assertThat(get(base + "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = get(base + "/actuator/health", null);
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(OrdersApi.JSON.readTree(anonymous.body()).has("components")).as(anonymous.body()).isFalse();
            HttpResponse<String> operator = get(base + "/actuator/health", system.adminAuthorization());
            assertThat(OrdersApi.JSON.readTree(operator.body()).path("components").isObject()).as(operator.body()).isTrue();
        }
    }
}
