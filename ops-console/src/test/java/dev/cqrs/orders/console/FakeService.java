package dev.cqrs.orders.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A service double on a real socket: canned JSON answers per "METHOD path", and a log of what it was asked. */
final class FakeService implements AutoCloseable {

    /** One request it received. */
    record Received(String method, String path, String authorization, String body) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    FakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            // Decoded, as a servlet container matches it: the console encodes ids (':' as %3A) in path variables.
            String path = exchange.getRequestURI().getPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                    new Answer(404, "application/problem+json", "{\"title\":\"Not Found\",\"detail\":\"no fake answer\"}"));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
    }

    FakeService answer(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new Answer(status, status < 300 ? "application/json" : "application/problem+json", json));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
