package dev.cqrs.orders.command.web;

import static dev.cqrs.orders.command.web.CommandApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.command.support.Race;
import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** If-Match on the transitions, against the real service and database, with real concurrent requests. */
class ConditionalCommandsIT {

    static RunningCommandService service;

    @BeforeAll
    static void start() {
        service = RunningCommandService.start(TestInfra.newDatabase("conditional_commands"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theETagLastSeenLetsTheCommandThrough() {
        String id = service.createOrder("if-match");
        HttpResponse<String> confirmed = post(id, "confirm", "\"1\"");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
        assertThat(confirmed.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(post(id, "ship", "\"2\"").statusCode()).isEqualTo(204);
        assertThat(row(id)).isEqualTo("SHIPPED 3");
    }

    @Test
    void aStaleETagIs412ProblemJsonWithTheCurrentETagAndChangesNothing() {
        String id = service.createOrder("if-match-stale");
        assertThat(post(id, "confirm", null).statusCode()).isEqualTo(204);

        HttpResponse<String> cancel = service.post("/orders/" + id + "/cancel", "{\"reason\":\"stale\"}", Map.of("If-Match", "\"1\""));
        assertProblem(cancel, 412);
        assertThat(cancel.body()).contains("/problems/precondition-failed").contains("version 2");
        assertThat(cancel.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(row(id)).isEqualTo("CONFIRMED 2");
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"W/\"1\"", "\"one\"", "\"7\", \"8\""})
    void aTagThatNamesNoCurrentVersionNeverMatches(String ifMatch) {
        String id = service.createOrder("if-match-never");
        assertProblem(post(id, "confirm", ifMatch), 412);
        assertThat(row(id)).isEqualTo("CREATED 1");
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"*", "\"5\", \"1\"", " \"1\" "})
    void aStarOrAListThatNamesTheVersionMatches(String ifMatch) {
        String id = service.createOrder("if-match-list");
        assertThat(post(id, "confirm", ifMatch).statusCode()).isEqualTo(204);
        assertThat(row(id)).isEqualTo("CONFIRMED 2");
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"1", "\"1", "\"1\" \"2\"", "* , \"1\""})
    void aMalformedIfMatchIs400ProblemJsonAndChangesNothing(String ifMatch) {
        String id = service.createOrder("if-match-bad");
        assertProblem(post(id, "confirm", ifMatch), 400);
        assertThat(row(id)).isEqualTo("CREATED 1");
    }

    @Test
    void anUnknownOrderIs404EvenWithIfMatch() {
        assertProblem(post("6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d", "confirm", "\"1\""), 404);
    }

    @Test
    void clientsRacingWithTheSameETagHaveOneWinnerAndTheOthersGet412() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = service.createOrder("if-match-race-" + round);
            // Half confirm, half cancel, all from version 1: without If-Match a confirm and a later cancel could both win.
            List<HttpResponse<String>> answers = Race.of(8, i -> i % 2 == 0
                    ? post(id, "confirm", "\"1\"")
                    : service.post("/orders/" + id + "/cancel", "{\"reason\":\"race\"}", Map.of("If-Match", "\"1\"")));
            assertThat(answers).extracting(HttpResponse::statusCode).as("round %d", round).containsOnly(204, 412);
            assertThat(answers.stream().filter(r -> r.statusCode() == 204)).as("winners in round %d", round).hasSize(1);
            answers.stream().filter(r -> r.statusCode() == 412).forEach(r -> assertProblem(r, 412));
            assertThat(row(id)).endsWith(" 2");
        }
    }

    private static HttpResponse<String> post(String id, String transition, String ifMatch) {
        return service.post("/orders/" + id + "/" + transition, null, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    private static String row(String id) {
        return service.jdbc().queryForObject("SELECT status || ' ' || version FROM orders WHERE id = ?::uuid", String.class, id);
    }
}
