package dev.cqrs.orders.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.cqrs.orders.command.support.Race;
import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command API on the real service and database: status codes, problem details, and real concurrent races. */
class CommandApiIT {

    static RunningCommandService service;

    @BeforeAll
    static void start() {
        service = RunningCommandService.start(TestInfra.newDatabase("command_api"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void createAnswers201WithLocationEtagAndOnlyTheId() {
        HttpResponse<String> response = service.post("/orders",
                "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":5}]}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).matches("\\{\"orderId\":\"[0-9a-f-]{36}\"}");
        String id = response.body().substring(12, 48);
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> confirmed = service.post("/orders/" + id + "/confirm", null);
        assertThat(confirmed.statusCode()).isEqualTo(204);
        assertThat(confirmed.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "/orders", "{\"customerId\":"),
                Arguments.of("wrong type", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":\"two\",\"unitPriceCents\":1}]}"),
                Arguments.of("missing items", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\"}"),
                Arguments.of("empty items", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[]}"),
                Arguments.of("missing price", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}"),
                Arguments.of("negative quantity", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":-1,\"unitPriceCents\":1}]}"),
                Arguments.of("huge quantity", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":99999999999,\"unitPriceCents\":1}]}"),
                Arguments.of("unknown currency", "/orders", "{\"customerId\":\"c\",\"currency\":\"XXY\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}"),
                Arguments.of("blank customer", "/orders", "{\"customerId\":\" \",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}"),
                Arguments.of("no body", "/orders", null),
                Arguments.of("invalid UUID", "/orders/not-a-uuid/confirm", null),
                Arguments.of("cancel without reason", "/orders/6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d/cancel", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIs400ProblemJsonAndWritesNothing(String name, String path, String body) {
        int before = service.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class);
        HttpResponse<String> response = service.post(path, body);
        assertProblem(response, 400);
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class)).isEqualTo(before);
    }

    @Test
    void anUnknownOrderIs404ProblemJson() {
        assertProblem(service.post("/orders/6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d/confirm", null), 404);
    }

    @Test
    void aRefusedTransitionIs409ProblemJson() {
        String id = service.createOrder("c");
        HttpResponse<String> response = service.post("/orders/" + id + "/ship", null);
        assertProblem(response, 409);
        assertThat(response.body()).contains("CREATED");
    }

    @Test
    void concurrentConfirmsOfOneOrderHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = service.createOrder("race-" + round);
            List<HttpResponse<String>> answers = Race.of(8, i -> service.post("/orders/" + id + "/confirm", null));
            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(204, 409);
            assertThat(answers.stream().filter(r -> r.statusCode() == 204)).as("winners in round %d", round).hasSize(1);
            assertThat(version(id)).isEqualTo(2);
        }
    }

    @Test
    void mixedConcurrentCommandsGiveEachVersionToOneWinnerAndLoseNoUpdate() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = service.createOrder("mixed-" + round);
            List<HttpResponse<String>> answers = Race.of(8, i -> i % 2 == 0
                    ? service.post("/orders/" + id + "/confirm", null)
                    : service.post("/orders/" + id + "/cancel", "{\"reason\":\"race\"}"));
            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(204, 409);
            List<String> versionsWon = answers.stream().filter(r -> r.statusCode() == 204)
                    .map(r -> r.headers().firstValue("ETag").orElseThrow()).toList();
            // Confirm then cancel may both win, but never for the same version, and every win is in the row.
            assertThat(versionsWon).doesNotHaveDuplicates().isNotEmpty();
            assertThat(version(id)).isEqualTo(1 + versionsWon.size());
        }
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameOrderEvenUnderConcurrentRetries() throws Exception {
        String body = "{\"customerId\":\"idem\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":5}]}";
        String key = "retry-" + System.nanoTime();
        List<HttpResponse<String>> answers = Race.of(6, i -> service.post("/orders", body, Map.of("Idempotency-Key", key)));
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM orders WHERE customer_id = 'idem'", Integer.class)).isEqualTo(1);

        HttpResponse<String> otherBody = service.post("/orders", body.replace("\"quantity\":1", "\"quantity\":2"),
                Map.of("Idempotency-Key", key));
        assertProblem(otherBody, 422);
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM orders WHERE customer_id = 'idem'", Integer.class)).isEqualTo(1);
    }

    private static long version(String id) {
        return service.jdbc().queryForObject("SELECT version FROM orders WHERE id = ?::uuid", Long.class, id);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\"");
    }
}
