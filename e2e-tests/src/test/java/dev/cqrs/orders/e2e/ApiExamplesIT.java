package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every answer the public contracts (docs/api/) document, produced by a real request against a system of its own: an
 * example per documented status of each operation, 503s included (with PostgreSQL, then MongoDB, stopped). A status
 * documented without an example, or an example of a status the contract does not document, fails the test.
 */
class ApiExamplesIT {

    private static final Path DOCS = Path.of(System.getProperty("api.docs", "../docs/api"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ORDER = "{\"customerId\":\"%s\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPriceCents\":1250}]}";
    private static final String REASON = "{\"reason\":\"changed my mind\"}";
    private static final String UNKNOWN = "6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d";

    private static LocalSystem system;

    /** One documented answer and the request that produces it. */
    record Example(String service, String method, String path, int status, Function<LocalSystem, HttpResponse<String>> request) {
        String key() {
            return service + " " + method + " " + path + " " + status;
        }
    }

    @BeforeAll
    static void startASystemOfItsOwn() {
        system = RunningSystem.fresh("api-examples");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyDocumentedAnswerHasAnExampleThatProducesIt() throws Exception {
        List<Example> live = liveExamples();
        List<Example> postgresDown = List.of(
                command("POST", "/orders", 503, s -> post(s.commandUrl() + "/orders", order("down"), Map.of())),
                command("POST", "/orders/{orderId}/confirm", 503, s -> post(s.commandUrl() + "/orders/" + UNKNOWN + "/confirm", null, Map.of())),
                command("POST", "/orders/{orderId}/ship", 503, s -> post(s.commandUrl() + "/orders/" + UNKNOWN + "/ship", null, Map.of())),
                command("POST", "/orders/{orderId}/cancel", 503, s -> post(s.commandUrl() + "/orders/" + UNKNOWN + "/cancel", REASON, Map.of())));
        List<Example> mongoDown = List.of(
                query("/orders/{orderId}", 503, s -> get(s.queryUrl() + "/orders/" + UNKNOWN, Map.of())),
                query("/orders", 503, s -> get(s.queryUrl() + "/orders?customerId=down", Map.of())),
                query("/customers/{customerId}/summary", 503, s -> get(s.queryUrl() + "/customers/down/summary", Map.of())));

        TreeSet<String> exemplified = new TreeSet<>();
        for (List<Example> examples : List.of(live, postgresDown, mongoDown)) {
            examples.forEach(e -> assertThat(exemplified.add(e.key())).as("one example per answer: %s", e.key()).isTrue());
        }
        assertThat(exemplified).as("the statuses docs/api documents for the public operations")
                .isEqualTo(documented());

        for (Example example : live) {
            expect(example, example.request().apply(system));
        }
        whileStopped(Component.POSTGRES, postgresDown);
        whileStopped(Component.MONGO, mongoDown);
    }

    private static List<Example> liveExamples() {
        String customer = Eventually.newCustomer("examples");
        String created = createdOrder(customer);
        String confirmed = createdOrder(customer);
        post(system.commandUrl() + "/orders/" + confirmed + "/confirm", null, Map.of());
        String shipped = createdOrder(customer);
        post(system.commandUrl() + "/orders/" + shipped + "/confirm", null, Map.of());
        post(system.commandUrl() + "/orders/" + shipped + "/ship", null, Map.of());
        String key = "examples-" + UUID.randomUUID();
        post(system.commandUrl() + "/orders", order(customer), Map.of("Idempotency-Key", key));
        // The query side's examples need the orders in the read models first.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get(system.queryUrl() + "/orders/" + shipped + "?minVersion=3&waitMs=1000", Map.of())
                        .headers().firstValue("X-Read-Model-Stale")).hasValue("false"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get(system.queryUrl() + "/customers/" + customer + "/summary", Map.of()).statusCode()).isEqualTo(200));
        String etag = get(system.queryUrl() + "/orders/" + created, Map.of()).headers().firstValue("ETag").orElseThrow();

        List<Example> examples = new ArrayList<>();
        examples.add(command("POST", "/orders", 201, s -> post(s.commandUrl() + "/orders", order(customer), Map.of())));
        examples.add(command("POST", "/orders", 400, s -> post(s.commandUrl() + "/orders",
                "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[]}", Map.of())));
        examples.add(command("POST", "/orders", 422, s -> post(s.commandUrl() + "/orders",
                order(customer).replace("\"quantity\":2", "\"quantity\":3"), Map.of("Idempotency-Key", key))));
        for (String transition : List.of("confirm", "ship", "cancel")) {
            String path = "/orders/{orderId}/" + transition;
            String body = transition.equals("cancel") ? REASON : null;
            // confirm and cancel succeed on a created order, ship on a confirmed one; each is refused on a shipped one.
            String ready = transition.equals("ship") ? confirmed : createdOrder(customer);
            examples.add(command("POST", path, 204, s -> post(s.commandUrl() + "/orders/" + ready + "/" + transition, body, Map.of())));
            examples.add(command("POST", path, 400, s -> post(s.commandUrl() + "/orders/not-a-uuid/" + transition, body, Map.of())));
            examples.add(command("POST", path, 404, s -> post(s.commandUrl() + "/orders/" + UNKNOWN + "/" + transition, body, Map.of())));
            examples.add(command("POST", path, 409, s -> post(s.commandUrl() + "/orders/" + shipped + "/" + transition, body, Map.of())));
            examples.add(command("POST", path, 412, s -> post(s.commandUrl() + "/orders/" + shipped + "/" + transition, body,
                    Map.of("If-Match", "\"1\""))));
        }
        examples.add(query("/orders/{orderId}", 200, s -> get(s.queryUrl() + "/orders/" + created, Map.of())));
        examples.add(query("/orders/{orderId}", 304, s -> get(s.queryUrl() + "/orders/" + created, Map.of("If-None-Match", etag))));
        examples.add(query("/orders/{orderId}", 400, s -> get(s.queryUrl() + "/orders/not-a-uuid", Map.of())));
        examples.add(query("/orders/{orderId}", 404, s -> get(s.queryUrl() + "/orders/" + UNKNOWN + "?minVersion=1&waitMs=100", Map.of())));
        examples.add(query("/orders", 200, s -> get(s.queryUrl() + "/orders?customerId=" + customer + "&limit=2", Map.of())));
        examples.add(query("/orders", 400, s -> get(s.queryUrl() + "/orders?limit=0", Map.of())));
        examples.add(query("/customers/{customerId}/summary", 200, s -> get(s.queryUrl() + "/customers/" + customer + "/summary", Map.of())));
        examples.add(query("/customers/{customerId}/summary", 400, s -> get(s.queryUrl() + "/customers/" + "x".repeat(65) + "/summary", Map.of())));
        examples.add(query("/customers/{customerId}/summary", 404, s -> get(s.queryUrl() + "/customers/nobody-" + UUID.randomUUID() + "/summary", Map.of())));
        examples.addAll(authExamples(customer, created));
        return examples;
    }

    /** Every operation without a token (401) and with a token that lacks its scope (403). */
    private static List<Example> authExamples(String customer, String order) {
        Function<String, Map<String, String>> scoped = scope -> Map.of("Authorization", "Bearer "
                + system.apiTokens().mint(system.apiTokens().claims(customer, scope, java.time.Duration.ofHours(1))));
        Map<String, String> none = Map.of("Authorization", "");
        List<Example> examples = new ArrayList<>();
        for (int status : List.of(401, 403)) {
            Map<String, String> headers = status == 401 ? none : scoped.apply("orders:read");
            examples.add(command("POST", "/orders", status, s -> post(s.commandUrl() + "/orders", order(customer), headers)));
            for (String transition : List.of("confirm", "ship", "cancel")) {
                String body = transition.equals("cancel") ? REASON : null;
                examples.add(command("POST", "/orders/{orderId}/" + transition, status,
                        s -> post(s.commandUrl() + "/orders/" + order + "/" + transition, body, headers)));
            }
            Map<String, String> readHeaders = status == 401 ? none : scoped.apply("orders:write");
            examples.add(query("/orders/{orderId}", status, s -> get(s.queryUrl() + "/orders/" + order, readHeaders)));
            examples.add(query("/orders", status, s -> get(s.queryUrl() + "/orders?customerId=" + customer, readHeaders)));
            examples.add(query("/customers/{customerId}/summary", status, s -> get(s.queryUrl() + "/customers/" + customer + "/summary", readHeaders)));
        }
        return examples;
    }

    private static void whileStopped(Component store, List<Example> examples) {
        system.stop(store);
        try {
            // Each waits out its client's store timeout; together they wait once.
            List<CompletableFuture<HttpResponse<String>>> answers = examples.stream()
                    .map(e -> CompletableFuture.supplyAsync(() -> e.request().apply(system))).toList();
            for (int i = 0; i < examples.size(); i++) {
                expect(examples.get(i), answers.get(i).join());
            }
        } finally {
            system.start(store);
        }
    }

    private static void expect(Example example, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as("%s answered %s", example.key(), answer.body()).isEqualTo(example.status());
        if (example.status() == 401 || example.status() == 403) {
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(example.key())
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        if (example.status() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).as(example.key())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        if (example.status() == 503) {
            assertThat(answer.headers().firstValue("Retry-After")).as(example.key()).isPresent();
        }
    }

    private static TreeSet<String> documented() throws Exception {
        TreeSet<String> answers = new TreeSet<>();
        for (String service : List.of("command", "query")) {
            JsonNode paths = JSON.readTree(Files.readString(DOCS.resolve(service + "-service.json"))).path("paths");
            for (String path : paths.propertyNames()) {
                for (String method : paths.path(path).propertyNames()) {
                    for (String status : paths.path(path).path(method).path("responses").propertyNames()) {
                        answers.add(service + " " + method.toUpperCase() + " " + path + " " + status);
                    }
                }
            }
        }
        return answers;
    }

    private static Example command(String method, String path, int status, Function<LocalSystem, HttpResponse<String>> request) {
        return new Example("command", method, path, status, request);
    }

    private static Example query(String path, int status, Function<LocalSystem, HttpResponse<String>> request) {
        return new Example("query", "GET", path, status, request);
    }

    private static String order(String customer) {
        return ORDER.formatted(customer);
    }

    private static String createdOrder(String customer) {
        HttpResponse<String> created = post(system.commandUrl() + "/orders", order(customer), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow().substring("/orders/".length());
    }

    private static HttpResponse<String> post(String url, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request, headers);
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).header("Accept", "application/json").GET(), headers);
    }

    /** Staff's token unless the example names its own Authorization ("" for none). */
    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
        String authorization = headers.getOrDefault("Authorization", system.staffAuthorization());
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        headers.forEach((name, value) -> {
            if (!name.equals("Authorization")) {
                request.header(name, value);
            }
        });
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.build().uri() + ": " + e.getMessage(), e);
        }
    }
}
