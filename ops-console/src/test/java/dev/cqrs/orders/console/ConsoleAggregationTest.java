package dev.cqrs.orders.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console against a faked query service on a real socket and a command service that is down: it aggregates what
 * answers, says what is down, forwards the operator's credential, and relays the actions and their outcomes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "orders.admin.users=op:pw",
        "orders.console.sample-interval=0s",
        "orders.console.timeout=2s"})
class ConsoleAggregationTest {

    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("op:pw".getBytes(StandardCharsets.UTF_8));
    private static final FakeService QUERY = start();
    private static final int CLOSED_PORT = closedPort();

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("orders.console.query-service-url", QUERY::url);
        registry.add("orders.console.command-service-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @AfterAll
    static void stop() {
        QUERY.close();
    }

    @BeforeEach
    void answers() {
        QUERY.received.clear();
        QUERY.answer("GET /admin/read-models", 200, """
                        [{"readModel":"order-view","lagRecords":3,"delay":{"count":5,"p50Ms":12.5,"p99Ms":80.0},
                          "partitions":[{"partition":0,"committedOffset":10,"lastAppliedOffset":9}]}]""")
                .answer("GET /admin/dead-letters?status=OPEN&limit=500", 200, """
                        [{"id":"order-view:orders.events:0:7","readModel":"order-view","orderId":"o-1",
                          "eventType":"OrderConfirmed","error":"IllegalStateException: boom","attempts":4}]""")
                .answer("GET /admin/rebuilds", 200, "[]")
                .answer("POST /admin/dead-letters/order-view:orders.events:0:7/replay", 200,
                        "{\"id\":\"order-view:orders.events:0:7\",\"caughtUp\":true}")
                .answer("POST /admin/dead-letters/order-view:orders.events:0:8/discard", 409,
                        "{\"title\":\"Conflict\",\"detail\":\"letter is parked\"}")
                .answer("POST /admin/dead-letters/order-view:orders.events:0:7/discard", 200, "{\"discarded\":\"x\"}")
                .answer("POST /admin/rebuilds/order-view", 202, "{\"readModel\":\"order-view\",\"state\":\"COPYING\"}");
    }

    @Test
    void thePageAndTheApiNeedTheCredentialButTheProbesDoNot() {
        assertThat(status("/", null)).isEqualTo(401);
        assertThat(status("/api/overview", null)).isEqualTo(401);
        assertThat(status("/console.js", null)).isEqualTo(401);
        assertThat(status("/actuator/health/readiness", null)).isEqualTo(200);
        String page = client().get().uri("/").header("Authorization", OPERATOR).retrieve().body(String.class);
        assertThat(page).contains("id=\"relay\"", "id=\"read-models\"", "id=\"dead-letters\"", "id=\"rebuilds\"",
                "id=\"replay-selected\"", "id=\"discard-selected\"", "<dialog id=\"confirm\"", "<dialog id=\"inspect\"",
                "value=\"confirm\"", "value=\"cancel\"", "aria-live=\"polite\"");
    }

    @Test
    void theOverviewShowsWhatAnswersSaysWhatIsDownAndForwardsTheOperatorsCredential() {
        JsonNode overview = get("/api/overview");

        assertThat(overview.path("relay").path("ok").asBoolean()).isFalse();
        assertThat(overview.path("relay").path("error").asString()).contains("order-command-service is unreachable");
        assertThat(overview.path("readModels").path("ok").asBoolean()).isTrue();
        assertThat(overview.path("readModels").path("data").get(0).path("readModel").asString()).isEqualTo("order-view");
        assertThat(overview.path("deadLetters").path("data").get(0).path("orderId").asString()).isEqualTo("o-1");
        assertThat(overview.path("rebuilds").path("ok").asBoolean()).isTrue();
        JsonNode sample = overview.path("delayHistory").path("order-view").get(0);
        assertThat(sample.path("p50Ms").asDouble()).isEqualTo(12.5);
        assertThat(sample.path("p99Ms").asDouble()).isEqualTo(80.0);
        assertThat(QUERY.received).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo(OPERATOR));
    }

    @Test
    void aServiceErrorIsShownWithItsDetailInItsPanelOnly() {
        QUERY.answer("GET /admin/rebuilds", 503, "{\"title\":\"Read model unavailable\",\"detail\":\"MongoDB is down\"}");

        JsonNode overview = get("/api/overview");

        assertThat(overview.path("rebuilds").path("ok").asBoolean()).isFalse();
        assertThat(overview.path("rebuilds").path("error").asString())
                .isEqualTo("order-query-service answered 503: MongoDB is down");
        assertThat(overview.path("readModels").path("ok").asBoolean()).isTrue();
    }

    @Test
    void replayDiscardAndRebuildArePassedOnWithTheCredentialAndTheirOutcomes() {
        JsonNode replayed = post("/api/dead-letters/order-view:orders.events:0:7/replay", null, 200);
        assertThat(replayed.path("caughtUp").asBoolean()).isTrue();

        JsonNode discarded = post("/api/dead-letters/discard",
                "{\"ids\":[\"order-view:orders.events:0:7\",\"order-view:orders.events:0:8\"]}", 200);
        assertThat(discarded.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(discarded.get(1).path("status").asInt()).isEqualTo(409);
        assertThat(discarded.get(1).path("error").asString()).contains("letter is parked");

        JsonNode conflict = post("/api/dead-letters/order-view:orders.events:0:8/discard", null, 409);
        assertThat(conflict.path("detail").asString()).isEqualTo("letter is parked");

        assertThat(post("/api/rebuilds/order-view", null, 202).path("state").asString()).isEqualTo("COPYING");
        assertThat(QUERY.received).extracting(FakeService.Received::path).contains(
                "/admin/dead-letters/order-view:orders.events:0:7/replay", "/admin/rebuilds/order-view");
        assertThat(QUERY.received).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(OPERATOR));
    }

    @Test
    void anEmptySelectionIsABadRequest() {
        JsonNode problem = post("/api/dead-letters/replay", "{\"ids\":[]}", 400);
        assertThat(problem.path("title").asString()).isEqualTo("No dead letters selected");
        assertThat(QUERY.received).isEmpty();
    }

    private JsonNode get(String path) {
        return json.readTree(client().get().uri(path).header("Authorization", OPERATOR).retrieve().body(String.class));
    }

    private JsonNode post(String path, String body, int expectedStatus) {
        RestClient.RequestBodySpec request = client().post().uri(path).header("Authorization", OPERATOR);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> {
            assertThat(response.getStatusCode().value()).isEqualTo(expectedStatus);
            return json.readTree(response.getBody().readAllBytes());
        });
    }

    private int status(String path, String authorization) {
        RestClient.RequestHeadersSpec<?> request = client().get().uri(path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.exchange((req, response) -> response.getStatusCode().value());
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    private static FakeService start() {
        try {
            return new FakeService();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
