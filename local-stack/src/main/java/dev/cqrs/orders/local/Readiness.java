package dev.cqrs.orders.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One readiness probe per component: can a client use it right now? Public for the QA suite's local fault driver,
 * which asks it of a system another launcher runs (ports from its system.properties).
 */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    static boolean ready(Component component, SystemConfig config) {
        return ready(component, config.ports());
    }

    /** Whether the component of a local system on these ports (on 127.0.0.1) answers clients. */
    public static boolean ready(Component component, StackPorts ports) {
        int port = ports.of(component);
        if (!Ports.listening(port)) {
            return false;
        }
        return switch (component) {
            case POSTGRES -> postgres(SystemConfig.jdbcUrl(ports));
            case KAFKA -> kafka(SystemConfig.kafkaBootstrap(ports));
            case MONGO -> true;
            case COMMAND, QUERY, CONSOLE -> http(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"));
        };
    }

    /** The port opens before the application database exists: wait until a session on it works. */
    private static boolean postgres(String jdbcUrl) {
        String url = jdbcUrl + "?connectTimeout=2&socketTimeout=5";
        try (Connection connection = DriverManager.getConnection(url, PostgresNode.USER, "");
             Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean kafka(String bootstrap) {
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(settings)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean http(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
