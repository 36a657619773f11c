package dev.cqrs.orders.console.actions;

import java.util.List;

import dev.cqrs.orders.console.upstream.Services;
import dev.cqrs.orders.console.upstream.Upstream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the operator does from the page, passed to the query service with the operator's credential: inspect, replay
 * and discard dead letters (one or a selection), start a rebuild. The service's answer (status and body) is
 * relayed as it is; an unreachable service is a 502 problem saying so.
 */
@RestController
class ActionsController {

    private static final int MAX_SELECTION = 500;

    private final Services services;

    ActionsController(Services services) {
        this.services = services;
    }

    @GetMapping("/api/dead-letters/{id}")
    ResponseEntity<JsonNode> inspect(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                     @PathVariable String id) {
        return relay(services.query().get(auth, "/admin/dead-letters/{id}", id));
    }

    @PostMapping("/api/dead-letters/{id}/replay")
    ResponseEntity<JsonNode> replay(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                    @PathVariable String id) {
        return relay(services.query().post(auth, null, "/admin/dead-letters/{id}/replay", id));
    }

    @PostMapping("/api/dead-letters/{id}/discard")
    ResponseEntity<JsonNode> discard(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                     @PathVariable String id) {
        return relay(services.query().post(auth, null, "/admin/dead-letters/{id}/discard", id));
    }

    /** The query service replays a selection in one call, answering one result per id. */
    @PostMapping("/api/dead-letters/replay")
    ResponseEntity<JsonNode> replaySelected(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                            @RequestBody Selection selection) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode ids = body.putArray("ids");
        checked(selection).forEach(ids::add);
        return relay(services.query().post(auth, body, "/admin/dead-letters/replay"));
    }

    /** There is no bulk discard in the service: one call per letter, answered like the bulk replay. */
    @PostMapping("/api/dead-letters/discard")
    ResponseEntity<JsonNode> discardSelected(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                             @RequestBody Selection selection) {
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (String id : checked(selection)) {
            Upstream answer = services.query().post(auth, null, "/admin/dead-letters/{id}/discard", id);
            if (!answer.reachable()) {
                return relay(answer);
            }
            ObjectNode result = results.addObject();
            result.put("id", id);
            result.put("status", answer.status());
            result.set("outcome", answer.ok() ? answer.body() : null);
            result.put("error", answer.error());
        }
        return ResponseEntity.ok(results);
    }

    @PostMapping("/api/rebuilds/{readModel}")
    ResponseEntity<JsonNode> rebuild(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                     @PathVariable String readModel) {
        return relay(services.query().post(auth, null, "/admin/rebuilds/{readModel}", readModel));
    }

    private static List<String> checked(Selection selection) {
        if (selection == null || selection.ids() == null || selection.ids().isEmpty()) {
            throw problem(HttpStatus.BAD_REQUEST, "No dead letters selected",
                    "The body must be {\"ids\": [\"<dead letter id>\", ...]} with at least one id.");
        }
        if (selection.ids().size() > MAX_SELECTION) {
            throw problem(HttpStatus.BAD_REQUEST, "Selection too large",
                    "At most " + MAX_SELECTION + " dead letters per action, got " + selection.ids().size() + ".");
        }
        return selection.ids();
    }

    private static ResponseEntity<JsonNode> relay(Upstream answer) {
        if (!answer.reachable()) {
            throw problem(HttpStatus.BAD_GATEWAY, "Service unreachable", answer.error()
                    + ". Nothing was changed; check the service's health and retry.");
        }
        MediaType type = answer.ok() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON;
        return ResponseEntity.status(answer.status()).contentType(type).body(answer.body());
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
