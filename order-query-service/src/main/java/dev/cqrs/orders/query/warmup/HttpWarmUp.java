package dev.cqrs.orders.query.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cqrs.orders.apiauth.WarmUpTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends the service, over loopback and before it reports ready, the reads its clients send (read-your-writes GETs
 * first), with a token only this process accepts: the first seconds of a fresh service's load otherwise compile
 * Tomcat's, the token check's, MVC's and Jackson's paths, with GETs up to 2 s (docs/read-your-writes.md). The orders
 * asked for do not exist, so the answers are mostly 404 problems; they count in http.server.requests.
 */
@Component
@Order(ReadSideWarmUp.ORDER + 1) // after the projections' warm-up, which already warmed the driver's reads
class HttpWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HttpWarmUp.class);
    static final String CUSTOMER = "warm-up";

    private final ApplicationContext context;
    private final ObjectProvider<WarmUpTokens> tokens;
    private final WarmUpProperties properties;

    HttpWarmUp(ApplicationContext context, ObjectProvider<WarmUpTokens> tokens, WarmUpProperties properties) {
        this.context = context;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || properties.httpRequests() == 0
                || !(context instanceof WebServerApplicationContext web) || web.getWebServer() == null
                || web.getWebServer().getPort() <= 0) {
            return;
        }
        Environment environment = context.getEnvironment();
        String base = "http://127.0.0.1:" + web.getWebServer().getPort()
                + environment.getProperty("server.servlet.context-path", "");
        WarmUpTokens issuer = tokens.getIfAvailable();
        long started = System.nanoTime();
        long deadline = started + properties.maxDuration().toNanos();
        Map<Integer, Integer> answered;
        if (issuer == null) {
            answered = send(base, null, deadline);
        } else {
            try (WarmUpTokens.Grant grant = issuer.grant(properties.maxDuration())) {
                answered = send(base, grant.token(), deadline);
            }
        }
        log.info("warmed up the HTTP path in {} ms: {} requests to {}{}, answered {}", (System.nanoTime() - started) / 1_000_000,
                answered.values().stream().mapToInt(Integer::intValue).sum(), base,
                issuer == null ? " without a token (API_AUTH_ENABLED=false)" : " with a warm-up token", answered);
    }

    /** The answers' statuses and how many of each; what was answered before a failure, which stops the warm-up. */
    Map<Integer, Integer> send(String base, String token, long deadline) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(properties.httpConnections());
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int i = 0; i < properties.httpConnections(); i++) {
                running.add(senders.submit(() -> {
                    for (int n = next.getAndIncrement(); n < properties.httpRequests() && System.nanoTime() - deadline < 0;
                         n = next.getAndIncrement()) {
                        int status = client.send(request(base, token, n), HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("HTTP warm-up stopped early (the service starts anyway, only its first reads are slower): {}",
                    e.toString());
        } finally {
            senders.shutdownNow();
        }
        return new TreeMap<>(statuses);
    }

    /** Mostly read-your-writes GETs, as a client sends after each command; then a view, a list page and a summary. */
    static HttpRequest request(String base, String token, int n) {
        String path = switch (n % 8) {
            case 4 -> "/orders/" + UUID.randomUUID();
            case 5 -> "/orders?customerId=" + CUSTOMER + "&limit=20";
            case 6 -> "/customers/" + CUSTOMER + "/summary";
            case 7 -> "/orders/" + UUID.randomUUID() + "?minVersion=1&waitMs=5";
            default -> "/orders/" + UUID.randomUUID() + "?minVersion=" + (1 + n % 3) + "&waitMs=0";
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET()
                .header("Accept", "application/json");
        return token == null ? request.build() : request.header("Authorization", "Bearer " + token).build();
    }
}
