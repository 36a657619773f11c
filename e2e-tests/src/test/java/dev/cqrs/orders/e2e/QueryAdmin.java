package dev.cqrs.orders.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** The query service's admin API as the browser test uses it around the page: fault switch, dead letters, rebuilds. */
final class QueryAdmin {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String queryUrl;
    private final String authorization;

    QueryAdmin(String queryUrl, String authorization) {
        this.queryUrl = queryUrl;
        this.authorization = authorization;
    }

    /** Makes {@code readModel}'s projection fail for this order, as a bug would (QUERY_FAULTS_ENABLED=true). */
    void injectFault(String readModel, String orderId) {
        String body = OrdersApi.JSON.writeValueAsString(Map.of("readModel", readModel, "orderId", orderId));
        expect2xx("inject a fault", send(request("/admin/faults").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** The fix: the projection works again for this order. */
    void clearFault(String readModel, String orderId) {
        expect2xx("clear the fault", send(request("/admin/faults/" + readModel + "/" + orderId).DELETE()));
    }

    /** The id of the open dead letter this read model holds for the order, if there is one. */
    Optional<String> openDeadLetter(String readModel, String orderId) {
        HttpResponse<String> reply = send(request("/admin/dead-letters?readModel=" + readModel).GET());
        expect2xx("list dead letters", reply);
        for (JsonNode letter : OrdersApi.JSON.readTree(reply.body())) {
            if (orderId.equals(letter.path("orderId").asString())) {
                return Optional.of(letter.path("id").asString());
            }
        }
        return Optional.empty();
    }

    /** The status of the read model's latest rebuild; an empty object when none was ever started. */
    JsonNode rebuild(String readModel) {
        HttpResponse<String> reply = send(request("/admin/rebuilds/" + readModel).GET());
        if (reply.statusCode() == 404) {
            return OrdersApi.JSON.createObjectNode();
        }
        expect2xx("read the rebuild of " + readModel, reply);
        return OrdersApi.JSON.readTree(reply.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(queryUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect2xx(String what, HttpResponse<String> reply) {
        if (reply.statusCode() / 100 != 2) {
            throw new IllegalStateException("could not " + what + ": " + reply.statusCode() + " " + reply.body());
        }
    }
}
