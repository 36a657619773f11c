package dev.cqrs.orders.command.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import dev.cqrs.orders.command.CommandServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The command service started for real (web server, Flyway, relay) against a test database and topic. */
public final class RunningCommandService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    private RunningCommandService(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts the service on a free port for the database; its slot and topic are named after the database. */
    public static RunningCommandService start(String database, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("spring.datasource.url", TestInfra.jdbcUrl(database));
        props.put("spring.datasource.username", TestInfra.user());
        props.put("spring.datasource.password", TestInfra.password());
        props.put("orders.relay.slot-name", database);
        props.put("orders.relay.topic", database);
        props.put("orders.relay.bootstrap-servers", TestInfra.kafkaBootstrapServers());
        props.putAll(extra);
        // Command-line arguments outrank application.yml; default properties would not.
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new RunningCommandService(new SpringApplicationBuilder(CommandServiceApplication.class).run(args));
    }

    public static RunningCommandService start(String database) {
        return start(database, Map.of());
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json");
            headers.forEach(request::header);
            request.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        }
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, headers);
    }

    /** Any method on any path, with these headers and no body. */
    public HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
            headers.forEach(request::header);
            request.method(method, HttpRequest.BodyPublishers.noBody());
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Creates an order and answers its id. */
    public String createOrder(String customerId) {
        HttpResponse<String> response = post("/orders", "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\","
                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPriceCents\":1250}]}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().replaceAll(".*\"orderId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
