package dev.cqrs.orders.qa.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.cqrs.orders.qa.http.BearerToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public API calls carry the current bearer token; the admin call carries its own credential and nothing else. */
class OrdersHttpAuthorizationTest {

    private final List<List<String>> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            List<String> authorization = exchange.getRequestHeaders().get("Authorization");
            seen.add(authorization == null ? List.of() : List.copyOf(authorization));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyPublicRequestAsksForTheTokenAgain() {
        AtomicInteger minted = new AtomicInteger();
        OrdersHttp http = new OrdersHttp(url, url, Duration.ofSeconds(5), BearerToken.minted(() -> "t" + minted.incrementAndGet()));

        http.view("o-1");
        http.summary("c-1");

        assertThat(seen).containsExactly(List.of("Bearer t1"), List.of("Bearer t2"));
    }

    @Test
    void theAdminCallSendsOnlyItsOwnCredential() {
        OrdersHttp http = new OrdersHttp(url, url, Duration.ofSeconds(5), BearerToken.fixed("staff"));

        http.readModels("Basic b3BzOnB3");

        assertThat(seen).containsExactly(List.of("Basic b3BzOnB3"));
    }

    @Test
    void anOpenApiGetsNoHeader() {
        new OrdersHttp(url, url, Duration.ofSeconds(5)).view("o-1");

        assertThat(seen).containsExactly(List.of());
    }
}
