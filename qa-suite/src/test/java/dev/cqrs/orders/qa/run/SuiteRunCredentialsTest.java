package dev.cqrs.orders.qa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.http.BearerToken;
import org.junit.jupiter.api.Test;

/**
 * Aimed at an API that refuses the suite's token, the run stops at the first answer and says how to give one, instead
 * of waiting the three minutes a system that is still starting gets.
 */
class SuiteRunCredentialsTest {

    @Test
    void aRefusedTokenStopsTheRunWithWhatToGive() throws Exception {
        AtomicReference<String> sent = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", exchange -> {
            sent.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"status\":401}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> SuiteRun.awaitEndToEndReady(new OrdersHttp(url, url, Duration.ofSeconds(5), BearerToken.fixed("stale")), "qa-test"))
                    .hasMessageContaining("refused the suite's credentials").hasMessageContaining("--api-token-file");
            assertThat(sent.get()).isEqualTo("Bearer stale");
        } finally {
            server.stop(0);
        }
    }
}
