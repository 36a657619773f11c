package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the two services: commands apply at once, the view shows them after {@code lagMillis} (or never);
 * a request whose {@code Authorization} the predicate refuses gets 401. Public for the demo's tests.
 */
public final class FakeOrderServices implements AutoCloseable {

    private record State(String status, long version, long totalCents, long visibleAtMillis) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, State> orders = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final long lagMillis;
    private final Predicate<String> authorized;

    public FakeOrderServices(long lagMillis) throws IOException {
        this(lagMillis, authorization -> true);
    }

    public FakeOrderServices(long lagMillis, Predicate<String> authorized) throws IOException {
        this.lagMillis = lagMillis;
        this.authorized = authorized;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        if (!authorized.test(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            respond(exchange, 401, "{\"status\":401,\"title\":\"Unauthorized\"}");
            return;
        }
        if (exchange.getRequestMethod().equals("POST") && path.length == 2) {
            JsonNode body = json.readTree(exchange.getRequestBody());
            long total = 0;
            for (JsonNode item : body.path("items")) {
                total += item.path("quantity").asLong() * item.path("unitPriceCents").asLong();
            }
            String id = UUID.randomUUID().toString();
            orders.put(id, new State("CREATED", 1, total, visibleAt()));
            exchange.getResponseHeaders().add("ETag", "\"1\"");
            respond(exchange, 201, "{\"orderId\":\"" + id + "\"}");
        } else if (exchange.getRequestMethod().equals("POST") && path.length == 4) {
            exchange.getRequestBody().readAllBytes();
            String status = switch (path[3]) {
                case "confirm" -> "CONFIRMED";
                case "ship" -> "SHIPPED";
                default -> "CANCELLED";
            };
            State next = orders.computeIfPresent(path[2],
                    (id, old) -> new State(status, old.version() + 1, old.totalCents(), visibleAt()));
            exchange.getResponseHeaders().add("ETag", "\"" + next.version() + "\"");
            respond(exchange, 204, null);
        } else {
            State state = orders.get(path[2]);
            if (state == null || System.currentTimeMillis() < state.visibleAtMillis()) {
                respond(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
            } else {
                respond(exchange, 200, "{\"orderId\":\"" + path[2] + "\",\"status\":\"" + state.status()
                        + "\",\"version\":" + state.version() + ",\"totalCents\":" + state.totalCents() + "}");
            }
        }
    }

    private long visibleAt() {
        return lagMillis < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + lagMillis;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
