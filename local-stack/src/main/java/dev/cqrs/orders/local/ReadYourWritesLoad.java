package dev.cqrs.orders.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients as a client team writes them: at a fixed rate, {@code POST /orders}, then at once
 * {@code GET /orders/{id}?minVersion=1&waitMs=W}, each order on its own, never waiting for another. The load that
 * collapsed a fresh read side (issue 14); {@link ReadYourWritesResult} says what every client saw.
 */
public final class ReadYourWritesLoad {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** Where to send it, how fast, how long, how long each GET may wait, and whether to read at all. */
    public record Settings(String commandUrl, String queryUrl, double ratePerSecond, Duration duration, Duration maxWait,
                           boolean reads, String customerPrefix) {

        public Settings {
            if (ratePerSecond <= 0 || duration.isNegative() || duration.isZero() || maxWait.isNegative()) {
                throw new IllegalArgumentException("rate and duration must be positive, the wait not negative");
            }
        }
    }

    /** What one client saw: statuses, whether the answer was stale, and how long each call took. */
    public record Outcome(long sentAtNanos, int postStatus, long postNanos, int getStatus, boolean stale, long getNanos,
                          String error) {

        /** The GET answered 200 with the order at the version asked for. */
        public boolean gotTheOrder() {
            return getStatus == 200 && !stale && error == null;
        }

        /** The command service refused the POST with 503 (overloaded or store unavailable): nothing was created. */
        public boolean shed() {
            return postStatus == 503;
        }

        /** The query service refused the GET with 503 (overloaded or store unavailable) instead of answering late. */
        public boolean readShed() {
            return getStatus == 503;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Settings settings;
    private final String authorization;

    /** Sends {@code authorization} (e.g. {@link LocalSystem#staffAuthorization()}) with every request. */
    public ReadYourWritesLoad(Settings settings, String authorization) {
        this.settings = settings;
        this.authorization = authorization;
    }

    /** Without a token: only for a system whose API check is off (API_AUTH_ENABLED=false). */
    public ReadYourWritesLoad(Settings settings) {
        this(settings, null);
    }

    /** Sends the load, then waits for every client's answers (each bounded by its own timeouts). */
    public ReadYourWritesResult run() {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> clients = new ArrayList<>();
        long started = System.nanoTime();
        long count = Math.round(settings.ratePerSecond() * settings.duration().toNanos() / 1e9);
        for (long i = 0; i < count; i++) {
            long due = started + (long) (i * 1e9 / settings.ratePerSecond());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            clients.add(client(i).thenAccept(outcomes::add));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
        return new ReadYourWritesResult(List.copyOf(outcomes), started, settings);
    }

    private CompletableFuture<Outcome> client(long i) {
        long sent = System.nanoTime();
        String body = "{\"customerId\":\"" + settings.customerPrefix() + (i % 50) + "\",\"currency\":\"EUR\","
                + "\"items\":[{\"sku\":\"RYW-1\",\"quantity\":1,\"unitPriceCents\":100}]}";
        HttpRequest post = authorized(HttpRequest.newBuilder(URI.create(settings.commandUrl() + "/orders")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).thenCompose(created -> {
            long posted = System.nanoTime();
            Matcher id = ORDER_ID.matcher(created.body());
            if (created.statusCode() != 201 || !id.find()) {
                return CompletableFuture.completedFuture(new Outcome(sent, created.statusCode(), posted - sent, 0, true, 0,
                        "POST answered " + created.statusCode()));
            }
            if (!settings.reads()) {
                return CompletableFuture.completedFuture(new Outcome(sent, 201, posted - sent, 0, false, 0, null));
            }
            HttpRequest get = authorized(HttpRequest.newBuilder(URI.create(settings.queryUrl() + "/orders/" + id.group(1)
                            + "?minVersion=1&waitMs=" + settings.maxWait().toMillis())))
                    .timeout(settings.maxWait().plusSeconds(30)).GET().build();
            return http.sendAsync(get, HttpResponse.BodyHandlers.discarding()).thenApply(read -> new Outcome(sent, 201,
                    posted - sent, read.statusCode(),
                    !"false".equals(read.headers().firstValue("X-Read-Model-Stale").orElse("missing")),
                    System.nanoTime() - posted, null));
        }).exceptionally(failure -> new Outcome(sent, 0, System.nanoTime() - sent, 0, true, 0, String.valueOf(
                failure.getCause() == null ? failure : failure.getCause())));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
