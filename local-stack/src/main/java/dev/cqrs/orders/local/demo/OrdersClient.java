package dev.cqrs.orders.local.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the two services, as the demo uses them: send a command, read the view; every request
 * carries the given {@code Authorization} (a bearer token), none when it is null.
 */
final class OrdersClient {

    /** One order line of a create command. */
    record Item(String sku, int quantity, long unitPriceCents) {
    }

    /** An acknowledged command: the order, the version it produced and when the answer arrived. */
    record Ack(String orderId, String command, long version, long answeredAtNanos) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String commandUrl;
    private final String queryUrl;
    private final String authorization;

    OrdersClient(String commandUrl, String queryUrl, String authorization) {
        this.commandUrl = stripSlash(commandUrl);
        this.queryUrl = stripSlash(queryUrl);
        this.authorization = authorization;
    }

    Ack create(String customerId, String currency, List<Item> items) {
        String body = json.writeValueAsString(Map.of("customerId", customerId, "currency", currency, "items", items));
        HttpResponse<String> response = send(post(commandUrl + "/orders", body), 201, "create");
        String orderId = json.readTree(response.body()).path("orderId").asString();
        return new Ack(orderId, "create", version(response), System.nanoTime());
    }

    Ack confirm(String orderId) {
        return transition(orderId, "confirm", "{}");
    }

    Ack ship(String orderId) {
        return transition(orderId, "ship", "{}");
    }

    Ack cancel(String orderId, String reason) {
        return transition(orderId, "cancel", json.writeValueAsString(Map.of("reason", reason)));
    }

    private Ack transition(String orderId, String command, String body) {
        HttpResponse<String> response = send(post(commandUrl + "/orders/" + orderId + "/" + command, body), 204, command);
        return new Ack(orderId, command, version(response), System.nanoTime());
    }

    /** The order's read model, or empty while the query side does not know it. */
    Optional<JsonNode> view(String orderId) {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(queryUrl + "/orders/" + orderId)))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /orders/" + orderId + " answered " + response.statusCode() + ": "
                    + response.body() + unauthorizedHint(response));
        }
        return Optional.of(json.readTree(response.body()));
    }

    private HttpRequest post(String url, String body) {
        return authorized(HttpRequest.newBuilder(URI.create(url)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request, int expectedStatus, String command) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(command + " answered " + response.statusCode() + " (expected "
                    + expectedStatus + "): " + response.body() + unauthorizedHint(response));
        }
        return response;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e
                    + " (is the system running? start it with ./run local)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String unauthorizedHint(HttpResponse<?> response) {
        if (response.statusCode() != 401) {
            return "";
        }
        return authorization == null ? " (no token sent: no API key in DATA_DIR; start ./run local first)"
                : " (the token was refused: is DATA_DIR the one of the running ./run local?)";
    }

    /** The version in the ETag, which is the quoted number of the order's events. */
    static long version(HttpResponse<?> response) {
        String etag = response.headers().firstValue("ETag")
                .orElseThrow(() -> new IllegalStateException("no ETag on " + response.request().uri()));
        return Long.parseLong(etag.replace("W/", "").replace("\"", "").trim());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
