package dev.cqrs.orders.qa.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.OrderStatus;
import dev.cqrs.orders.qa.ledger.Transition;
import dev.cqrs.orders.qa.http.BearerToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two services' public APIs as the suite's clients need them: an answer, or a failure that says whether the request can have reached the
 * service (a refused connection cannot; a timeout or a reset after sending can).
 */
public final class OrdersHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** How an exchange ended when no answer came. */
    public enum Failure {
        NONE,
        /** The connection was never established: the service did not see the request. */
        NOT_SENT,
        /** Sent (or maybe sent), but no answer: it may have been processed. */
        UNCERTAIN
    }

    /** An HTTP exchange: the answer ({@code status > 0}), or how it failed. */
    public record Exchange(int status, String etag, String body, Failure failure, String error, String staleHeader) {

        public Exchange(int status, String etag, String body, Failure failure, String error) {
            this(status, etag, body, failure, error, "");
        }

        public static Exchange failed(Failure failure, String error) {
            return new Exchange(0, "", "", failure, error);
        }

        /** A read-your-writes answer that says it did not reach the version asked for ({@code X-Read-Model-Stale: true}). */
        public boolean stale() {
            return "true".equalsIgnoreCase(staleHeader);
        }

        public boolean answered() {
            return failure == Failure.NONE;
        }

        /** A 2xx or 4xx: the service says what happened. 5xx and failures are not definite. */
        public boolean definite() {
            return answered() && status >= 200 && status < 500;
        }

        /** A 5xx or a failure after the request may have arrived: the command may have committed. */
        public boolean uncertain() {
            return failure == Failure.UNCERTAIN || answered() && status >= 500;
        }

        public boolean success() {
            return answered() && status >= 200 && status < 300;
        }

        /** The version in the ETag ("3" or W/"3"), or -1. */
        public long etagVersion() {
            try {
                return Long.parseLong(etag.replace("W/", "").replace("\"", "").trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String describe() {
            if (!answered()) {
                return failure + " (" + error + ")";
            }
            String text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return status + (etag.isEmpty() ? "" : " ETag=" + etag) + (text.isEmpty() ? "" : " " + text);
        }
    }

    private final HttpClient http;
    private final String commandUrl;
    private final String queryUrl;
    private final Duration timeout;
    private final BearerToken apiToken;

    public OrdersHttp(String commandUrl, String queryUrl, Duration timeout) {
        this(commandUrl, queryUrl, timeout, BearerToken.none());
    }

    /** @param apiToken the bearer token of every public API request, asked for again per request */
    public OrdersHttp(String commandUrl, String queryUrl, Duration timeout, BearerToken apiToken) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.timeout = timeout;
        this.apiToken = apiToken;
    }

    public Exchange create(OrderSpec order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", order.customerId());
        body.put("currency", order.currency());
        body.put("items", order.lines());
        if (order.discountCents() > 0) {
            body.put("discountCents", order.discountCents());
        }
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/orders"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", order.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Exchange transition(String orderId, Transition transition, String reason) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandUrl + "/orders/" + orderId + "/" + transition.path()));
        if (transition == Transition.CANCEL) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("reason", reason))));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    public Exchange view(String orderId) {
        return get(queryUrl + "/orders/" + orderId);
    }

    /** Read-your-writes: {@code GET /orders/{id}?minVersion=&waitMs=}, which waits for that version up to the wait. */
    public Exchange viewAtLeast(String orderId, long minVersion, Duration wait) {
        return get(queryUrl + "/orders/" + orderId + "?minVersion=" + minVersion + "&waitMs=" + wait.toMillis());
    }

    /** {@code GET /customers/{id}/summary}. */
    public Exchange summary(String customerId) {
        return get(queryUrl + "/customers/" + encode(customerId) + "/summary");
    }

    /** One page of {@code GET /orders}; {@code status} and {@code after} may be null. */
    public Exchange list(String customerId, OrderStatus status, String after, int limit) {
        StringBuilder query = new StringBuilder("/orders?customerId=").append(encode(customerId)).append("&limit=").append(limit);
        if (status != null) {
            query.append("&status=").append(status.name());
        }
        if (after != null) {
            query.append("&after=").append(encode(after));
        }
        return get(queryUrl + query);
    }

    /** {@code GET /admin/read-models} of the query service: each read model's consumer group and lag (admin only). */
    public Exchange readModels(String authorization) {
        return exchange(HttpRequest.newBuilder(URI.create(queryUrl + "/admin/read-models")).header("Accept", "application/json")
                .header("Authorization", authorization).GET());
    }

    private Exchange get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
    }

    /** A public API request: with the bearer token, when the deployment has authentication. */
    private Exchange send(HttpRequest.Builder request) {
        apiToken.authorization().ifPresent(authorization -> request.header("Authorization", authorization));
        return exchange(request);
    }

    private Exchange exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(response.statusCode(), response.headers().firstValue("ETag").orElse(""),
                    response.body() == null ? "" : response.body(), Failure.NONE, "",
                    response.headers().firstValue("X-Read-Model-Stale").orElse(""));
        } catch (IOException e) {
            return Exchange.failed(neverConnected(e) ? Failure.NOT_SENT : Failure.UNCERTAIN, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchange.failed(Failure.UNCERTAIN, "interrupted");
        }
    }

    /** A refused or timed-out connect: no byte of the request reached a server. */
    static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
