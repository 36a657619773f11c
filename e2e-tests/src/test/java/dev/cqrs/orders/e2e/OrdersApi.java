package dev.cqrs.orders.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two services as a client sees them: raw HTTP exchanges with a bearer token (staff unless a test asks for a
 * customer's), with JSON helpers.
 */
final class OrdersApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One order line of a create command. */
    record Item(String sku, int quantity, long unitPriceCents) {
    }

    /** An HTTP answer. */
    record Reply(int status, String contentType, String etag, String location, String challenge, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The version named by the ETag ("3" or W/"3"). */
        long etagVersion() {
            return Long.parseLong(etag.replace("W/", "").replace("\"", "").trim());
        }

        @Override
        public String toString() {
            return status + " " + contentType + " ETag=" + etag + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String commandUrl;
    private final String queryUrl;
    private final String authorization;

    /** @param authorization the Authorization header every request sends ("Bearer ..."), or null for none */
    OrdersApi(String commandUrl, String queryUrl, String authorization) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.authorization = authorization;
    }

    /** The same services, as another caller (null: no Authorization header at all). */
    OrdersApi as(String otherAuthorization) {
        return new OrdersApi(commandUrl, queryUrl, otherAuthorization);
    }

    Reply create(String customerId, String currency, List<Item> items) {
        return postJson("/orders", JSON.writeValueAsString(Map.of("customerId", customerId, "currency", currency, "items", items)));
    }

    /** Creates an order and returns its id, failing unless the service answered 201. */
    String createdOrder(String customerId, String currency, List<Item> items) {
        Reply reply = create(customerId, currency, items);
        if (reply.status() != 201) {
            throw new AssertionError("create answered " + reply);
        }
        return reply.json().path("orderId").asString();
    }

    Reply confirm(String orderId) {
        return postJson("/orders/" + orderId + "/confirm", "");
    }

    Reply ship(String orderId) {
        return postJson("/orders/" + orderId + "/ship", "");
    }

    Reply cancel(String orderId, String reason) {
        return postJson("/orders/" + orderId + "/cancel", JSON.writeValueAsString(Map.of("reason", reason)));
    }

    /** POSTs raw text to the command service, JSON or not. */
    Reply postJson(String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json");
        return exchange(request.POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply view(String orderId) {
        return get("/orders/" + orderId);
    }

    /** GET on the query service, with a path and query string. */
    Reply get(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(URI.create(queryUrl + pathAndQuery)).header("Accept", "application/json").GET());
    }

    /** Every listed summary, following the {@code next} cursor page by page. */
    List<JsonNode> listAll(String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            Reply reply = get("/orders?" + query + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            if (reply.status() != 200) {
                throw new AssertionError("listing answered " + reply);
            }
            JsonNode json = reply.json();
            json.path("items").forEach(items::add);
            JsonNode next = json.path("next");
            if (next.isNull() || next.isMissingNode()) {
                return items;
            }
            cursor = next.asString();
        }
        throw new AssertionError("listing for " + query + " did not end after 100 pages");
    }

    private Reply exchange(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(""),
                    response.headers().firstValue("Location").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
