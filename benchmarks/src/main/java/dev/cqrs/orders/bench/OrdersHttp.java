package dev.cqrs.orders.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two services over HTTP/1.1 with the JDK's client, as any client would use them. */
final class OrdersHttp implements AutoCloseable {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final String commandUrl;
    private final String queryUrl;
    private final String adminAuthorization;
    private final String apiAuthorization;
    private final ExecutorService executor;
    private final HttpClient client;

    /** @param apiAuthorization the bearer token's header for the public APIs, as a client sends it */
    OrdersHttp(String commandUrl, String queryUrl, String adminAuthorization, String apiAuthorization) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.adminAuthorization = adminAuthorization;
        this.apiAuthorization = apiAuthorization;
        this.executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "bench-http");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** POST /orders; the new order's id, or null when the answer was not 201. */
    UUID create(SampleOrder order) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", apiAuthorization)
                .POST(HttpRequest.BodyPublishers.ofString(order.json()))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            return null;
        }
        Matcher matcher = ORDER_ID.matcher(response.body());
        return matcher.find() ? UUID.fromString(matcher.group(1)) : null;
    }

    /** GET /orders/{id}: the status code. */
    int view(UUID orderId) throws IOException, InterruptedException {
        return client.send(viewRequest(orderId, null), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * GET /orders/{id}?minVersion=1&waitMs=…: answers once the view has version 1 (read-your-writes), or at the wait's
     * end. Completes with true when the order was there.
     */
    CompletableFuture<Boolean> awaitVisible(UUID orderId, long waitMs) {
        return client.sendAsync(viewRequest(orderId, waitMs), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200
                        && !"true".equals(response.headers().firstValue("X-Read-Model-Stale").orElse("false")));
    }

    private HttpRequest viewRequest(UUID orderId, Long waitMs) {
        String query = waitMs == null ? "" : "?minVersion=1&waitMs=" + waitMs;
        return HttpRequest.newBuilder(URI.create(queryUrl + "/orders/" + orderId + query))
                .timeout(Duration.ofSeconds(waitMs == null ? 30 : 30 + waitMs / 1000))
                .header("Authorization", apiAuthorization)
                .GET()
                .build();
    }

    /** A JSON request to either service's /admin, as the system's operator; the status and body. */
    HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", adminAuthorization);
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
