package dev.cqrs.orders.local.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stand-in for the query service's /admin API: answers each {@code METHOD /path?query} from the answers given for
 * it, in order (the last one again when they run out; 404 when none), and records every request with its
 * {@code Authorization}. As a {@code @RegisterExtension} field it stops after each test, and holds what a command
 * printed on stdout and stderr.
 */
public final class FakeQueryAdmin implements AutoCloseable, AfterEachCallback {

    /** One request as it came. */
    public record Request(String method, String target, String authorization) {
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream complained = new ByteArrayOutputStream();

    public FakeQueryAdmin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where a command under test prints its answer. */
    public PrintStream out() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    /** Where a command under test prints its complaints. */
    public PrintStream err() {
        return new PrintStream(complained, true, StandardCharsets.UTF_8);
    }

    public String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    public String complained() {
        return complained.toString(StandardCharsets.UTF_8);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method target} with {@code status} and {@code body}, after the answers given before. */
    public FakeQueryAdmin answer(String method, String target, int status, String body) {
        replies.computeIfAbsent(method + " " + target, key -> new ArrayDeque<>()).add(new Reply(status, body));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), target, exchange.getRequestHeaders().getFirst("Authorization")));
        Deque<Reply> queue = replies.get(exchange.getRequestMethod() + " " + target);
        Reply reply = queue == null ? new Reply(404, "{\"title\":\"Not Found\"}")
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
