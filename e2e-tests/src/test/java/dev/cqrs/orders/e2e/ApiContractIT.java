package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.cqrs.orders.local.LocalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The running services' OpenAPI descriptions equal the ones committed under docs/api/, so that every API change shows
 * up in review. After a deliberate change, {@code -Dapi.update=true} writes the new ones (then review the diff).
 */
@EndToEnd
class ApiContractIT {

    private static final Path DOCS = Path.of(System.getProperty("api.docs", "../docs/api"));
    private static final boolean UPDATE = Boolean.getBoolean("api.update");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("command-service.json", "command", "/v3/api-docs", false),
                Arguments.of("command-service-admin.json", "command", "/v3/api-docs/admin", true),
                Arguments.of("query-service.json", "query", "/v3/api-docs", false),
                Arguments.of("query-service-admin.json", "query", "/v3/api-docs/admin", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void theRunningServiceServesTheCommittedDescription(String file, String service, String path, boolean admin,
                                                         LocalSystem system) throws Exception {
        String base = service.equals("command") ? system.commandUrl() : system.queryUrl();
        HttpResponse<String> response = get(base + path, admin ? system.adminAuthorization() : null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode served = JSON.readTree(response.body());
        assertThat(served.path("openapi").asString()).startsWith("3.1.");
        Path committed = DOCS.resolve(file);
        if (UPDATE) {
            Files.writeString(committed, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        assertThat(Files.exists(committed)).as(committed + " is missing; run this test with -Dapi.update=true").isTrue();
        assertThat(served).as("%s%s differs from %s: review the change, then run this test with -Dapi.update=true",
                base, path, committed).isEqualTo(read(committed));
    }

    @Test
    void theAdminDescriptionsNeedTheAdminCredential(LocalSystem system) throws Exception {
        assertThat(get(system.commandUrl() + "/v3/api-docs/admin", null).statusCode()).isEqualTo(401);
        assertThat(get(system.queryUrl() + "/v3/api-docs/admin", null).statusCode()).isEqualTo(401);
    }

    @Test
    void thePublicDescriptionsLeaveTheAdminApiOut(LocalSystem system) throws Exception {
        for (String base : new String[] {system.commandUrl(), system.queryUrl()}) {
            JsonNode paths = JSON.readTree(get(base + "/v3/api-docs", null).body()).path("paths");
            assertThat(paths.propertyNames()).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotStartWith("/admin"));
        }
    }

    @Test
    void swaggerUiIsOffUnlessSwitchedOn(LocalSystem system) throws Exception {
        // SWAGGER_UI_ENABLED=true turns it on; the descriptions themselves are always served.
        assertThat(get(system.commandUrl() + "/swagger-ui/index.html", null).statusCode()).isEqualTo(404);
        assertThat(get(system.queryUrl() + "/swagger-ui/index.html", null).statusCode()).isEqualTo(404);
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
