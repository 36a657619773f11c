package dev.cqrs.orders.command.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The command service over real HTTP: every /admin mapping and every actuator endpoint but health refuses anonymous
 * callers and wrong passwords with 401 problem+json; health shows details to operators only.
 */
class AdminAccessIT {

    private static final String USER = "test-operator";
    private static final String PASSWORD = "test-secret";
    private static final String SECOND_USER = "second-operator";
    private static final String SECOND_PASSWORD = "other-secret";

    static RunningCommandService service;

    @BeforeAll
    static void start() {
        service = RunningCommandService.start(TestInfra.newDatabase("admin_access"), Map.of(
                "orders.admin.users", USER + ":" + PASSWORD + "," + SECOND_USER + ":" + SECOND_PASSWORD));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** A method and path per /admin mapping (none may exist yet: the unmapped probe below still covers the rule). */
    private static List<String[]> adminProbes() {
        List<String[]> probes = new ArrayList<>();
        RequestMappingHandlerMapping mappings = service.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/admin")) {
                    String path = pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/1").replace("/*", "/1");
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                        probes.add(new String[] {method.name(), path});
                    }
                }
            }
        }
        // Not mapped: the rule protects the whole prefix, not only the endpoints that exist.
        probes.add(new String[] {"GET", "/admin/not-mapped"});
        probes.add(new String[] {"POST", "/admin/not-mapped"});
        return probes;
    }

    private static List<String[]> actuatorProbes() {
        Set<String> roots = new TreeSet<>(service.bean(PathMappedEndpoints.class).getAllPaths());
        assertThat(roots).contains("/actuator/prometheus", "/actuator/metrics", "/actuator/health");
        roots.remove("/actuator/health");
        roots.add("/actuator");
        roots.add("/actuator/health/db");
        List<String[]> probes = new ArrayList<>();
        roots.forEach(path -> probes.add(new String[] {"GET", path}));
        return probes;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anonymousCallersGet401ProblemJsonWithABasicChallenge() {
        List<String[]> probes = new ArrayList<>(adminProbes());
        probes.addAll(actuatorProbes());
        for (String[] probe : probes) {
            HttpResponse<String> response = service.send(probe[0], probe[1], Map.of());
            assertThat(response.statusCode()).as("anonymous %s %s", probe[0], probe[1]).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"orders-admin\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"title\":\"Unauthorized\"", "\"status\":401", "ADMIN_USERS");
        }
    }

    @Test
    void aWrongPasswordOrAnUnknownUserGets401() {
        List<String[]> probes = new ArrayList<>(adminProbes());
        probes.addAll(actuatorProbes());
        for (String[] probe : probes) {
            assertThat(service.send(probe[0], probe[1], Map.of("Authorization", basic(USER, "wrong"))).statusCode())
                    .as("wrong password %s %s", probe[0], probe[1]).isEqualTo(401);
            assertThat(service.send(probe[0], probe[1], Map.of("Authorization", basic("intruder", PASSWORD))).statusCode())
                    .as("unknown user %s %s", probe[0], probe[1]).isEqualTo(401);
        }
    }

    @Test
    void operatorsGetIn() {
        for (String[] probe : adminProbes()) {
            assertThat(service.send(probe[0], probe[1], Map.of("Authorization", basic(USER, PASSWORD))).statusCode())
                    .as("operator %s %s", probe[0], probe[1]).isNotIn(401, 403);
        }
        for (String[] probe : actuatorProbes()) {
            assertThat(service.send(probe[0], probe[1], Map.of("Authorization", basic(SECOND_USER, SECOND_PASSWORD))).statusCode())
                    .as("operator %s %s", probe[0], probe[1]).isEqualTo(200);
        }
    }

    @Test
    void healthShowsOnlyTheStatusToAnonymousCallersAndComponentsToOperators() {
        assertThat(service.send("GET", "/actuator/health/liveness", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = service.send("GET", "/actuator/health/readiness", Map.of());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").doesNotContain("components");
        HttpResponse<String> anonymous = service.send("GET", "/actuator/health", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\"").doesNotContain("components", "details", "relay");
        HttpResponse<String> operator = service.send("GET", "/actuator/health", Map.of("Authorization", basic(USER, PASSWORD)));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("\"components\"", "\"db\"", "\"relay\"");
    }

    @Test
    void theCommandApiStaysPublic() {
        assertThat(service.createOrder("admin-access")).hasSize(36);
    }
}
