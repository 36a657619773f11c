package dev.cqrs.orders.qa.faults.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.system.SystemProperties;

/**
 * Whether a part of a {@code ./run local} answers clients: the services' readiness endpoints, a PostgreSQL session, a
 * Kafka broker that describes its cluster, a MongoDB port that accepts connections. Addresses from system.properties.
 */
public final class PartProbe implements Predicate<Part> {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dataDir;

    public PartProbe(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The launcher's id of a part's component: {@code postgres}, {@code command-service}, ... */
    static String componentId(Part part) {
        return switch (part) {
            case COMMAND -> "command-service";
            case QUERY -> "query-service";
            case POSTGRES -> "postgres";
            case KAFKA -> "kafka";
            case MONGO -> "mongo";
        };
    }

    @Override
    public boolean test(Part part) {
        SystemProperties system = SystemProperties.read(dataDir);
        return switch (part) {
            case COMMAND -> http(system.required("command.url"));
            case QUERY -> http(system.required("query.url"));
            case POSTGRES -> postgres(system.required("jdbc.url"));
            case KAFKA -> kafka(system.required("kafka.bootstrap"));
            case MONGO -> port(Integer.parseInt(system.required("mongo.port")));
        };
    }

    private static boolean http(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean postgres(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "connectTimeout=2&socketTimeout=5", "postgres", "");
             Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean kafka(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static boolean port(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
