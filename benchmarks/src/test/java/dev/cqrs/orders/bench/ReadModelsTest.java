package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read models as a stand-in query service's {@code GET /admin/read-models} lists them. */
class ReadModelsTest {

    private static final String ADMIN = "Basic YWRtaW46c2VjcmV0";
    private static final String LISTING = """
            [{"readModel":"customer-summary","consumerGroup":"order-query.customer-summary","generation":0,
              "collections":["customer_summaries","customer_order_facts"],"lagRecords":7,"delay":{"count":3,"p50Ms":12.5}},
             {"readModel":"order-view","consumerGroup":"order-query.order-view","generation":3,
              "collections":["order_views__rebuild_3"],"lagRecords":1234,"delay":{"count":9,"p50Ms":2.25}}]""";

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final List<String> notes = new ArrayList<>();
    private HttpServer server;
    private OrdersHttp http;
    private ReadModels readModels;

    @BeforeEach
    void startQueryService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/read-models", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = LISTING.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        http = new OrdersHttp(url, url, ADMIN, "Bearer none");
        readModels = new ReadModels(http, url, null, notes, null);
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void liveCollectionsAreTheOnesTheQueryServiceNamesForItsLiveGeneration() throws Exception {
        assertThat(readModels.liveCollections("order-view")).containsExactly("order_views__rebuild_3");
        assertThat(readModels.liveCollections("customer-summary")).containsExactly("customer_summaries", "customer_order_facts");
        assertThat(authorization.get()).isEqualTo(ADMIN);
    }

    @Test
    void aReadModelTheServiceDoesNotListHasNoCollections() {
        assertThatThrownBy(() -> readModels.liveCollections("order-list")).hasMessageContaining("does not list order-list");
    }

    @Test
    void withoutTheListingThereAreNoCollectionsToGuess() {
        status.set(503);

        assertThatThrownBy(() -> readModels.liveCollections("order-view")).hasMessageContaining("did not answer 200");
    }

    @Test
    void aSnapshotNotesEachReadModelsLagAndDelay() {
        readModels.snapshot("after P1");
        status.set(503);
        readModels.snapshot("after P2");

        assertThat(readModels.snapshots()).containsExactly("after P1: customer-summary lag 7 events, delay p50 12.5 ms;"
                + " order-view lag 1,234 events, delay p50 2.25 ms; ");
        assertThat(notes).isEmpty();
    }
}
