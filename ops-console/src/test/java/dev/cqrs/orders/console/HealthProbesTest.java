package dev.cqrs.orders.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The probes answer UP with both services unreachable: the console must stay up to show that they are down. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "orders.console.command-service-url=http://127.0.0.1:9",
        "orders.console.query-service-url=http://127.0.0.1:9"})
class HealthProbesTest {

    @LocalServerPort
    int port;

    @Test
    void livenessAndReadinessAreUpWhileTheServicesAreUnreachable() {
        RestClient client = RestClient.create("http://127.0.0.1:" + port);
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            String body = client.get().uri(probe).retrieve().body(String.class);
            assertThat(body).as(probe).contains("\"status\":\"UP\"");
        }
    }
}
