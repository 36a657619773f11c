package dev.cqrs.orders.query.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The warm-up's reads against a stand-in server: what it asks, with which token, and that a failure stops it quietly. */
class HttpWarmUpTest {

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        paths.add(exchange.getRequestURI().toString());
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/orders") ? 200 : 404, -1);
        exchange.close();
    }

    private static HttpWarmUp warmUp(int requests) {
        return new HttpWarmUp(null, null, new WarmUpProperties(true, 1, 0, Duration.ofSeconds(20), Duration.ZERO, requests, 3));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsMostlyReadYourWritesReadsWithTheToken() {
        Map<Integer, Integer> answered = warmUp(80).send(base(), "granted", System.nanoTime() + Duration.ofSeconds(20).toNanos());

        assertThat(answered).containsExactly(Map.entry(200, 10), Map.entry(404, 70));
        assertThat(authorizations).hasSize(80).containsOnly("Bearer granted");
        assertThat(paths.stream().filter(path -> path.matches("/orders/[0-9a-f-]{36}\\?minVersion=[123]&waitMs=0"))).hasSize(40);
        assertThat(paths.stream().filter(path -> path.matches("/orders/[0-9a-f-]{36}\\?minVersion=1&waitMs=5"))).hasSize(10);
        assertThat(paths.stream().filter(path -> path.matches("/orders/[0-9a-f-]{36}"))).hasSize(10);
        assertThat(paths.stream().filter(path -> path.equals("/orders?customerId=warm-up&limit=20"))).hasSize(10);
        assertThat(paths.stream().filter(path -> path.equals("/customers/warm-up/summary"))).hasSize(10);
    }

    @Test
    void withoutATokenSendsNoAuthorization() {
        assertThat(warmUp(8).send(base(), null, System.nanoTime() + Duration.ofSeconds(20).toNanos()))
                .containsExactly(Map.entry(200, 1), Map.entry(404, 7));
        assertThat(authorizations).containsOnly("null");
    }

    @Test
    void sendsNothingPastItsDeadline() {
        assertThat(warmUp(80).send(base(), "granted", System.nanoTime())).isEmpty();
        assertThat(paths).isEmpty();
    }

    @Test
    void aServerThatCannotBeReachedStopsItWithoutAnError() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThat(warmUp(80).send("http://127.0.0.1:" + closed, "granted", System.nanoTime() + Duration.ofSeconds(20).toNanos()))
                .isEmpty();
    }
}
