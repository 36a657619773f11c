package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.readmodel.OrderHistories;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rebuild survives the death of the service that ran it: the first instance is shut down in the middle of the copy,
 * a second instance finds the unfinished rebuild in its checkpoint, resumes it from there rather than from the start,
 * and completes it with the same documents as the live read model had. The rebuild is throttled so that the first
 * instance is certainly stopped mid-way.
 */
@ExtendWith(LocalNodes.class)
class RebuildResumeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int BATCH = 50;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anInterruptedRebuildResumesFromItsCheckpointInTheNextInstanceAndCompletes() throws Exception {
        List<List<EventEnvelope>> histories = OrderHistories.randomHistories(new Random(17), 400,
                List.of("a", "b", "c"), List.of("EUR"));
        List<EventEnvelope> events = new ArrayList<>();
        histories.forEach(events::addAll);
        try (TopicWriter topic = new TopicWriter(LocalNodes.kafkaBootstrapServers());
             MongoClient mongo = MongoClients.create(LocalNodes.mongoUri())) {
            topic.sendAll(events);
            MongoDatabase database = mongo.getDatabase("orders_read");
            List<Document> live;
            long applied;

            try (ConfigurableApplicationContext first = start()) {
                String base = baseUrl(first);
                awaitCaughtUp(base, events.size());
                live = ReadModelSnapshots.of(database, List.of("order_views"), List.of("order_views")).get("order_views");
                assertThat(live).hasSize(histories.size());

                HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(base + "/admin/rebuilds/order-view"))
                        .header("Authorization", Operators.authorization()).POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(started.statusCode()).isEqualTo(202);
                assertThat(started.headers().firstValue("Location")).contains("/admin/rebuilds/order-view");
                await().atMost(PATIENCE).until(() -> JsonPath.<Integer>read(get(base + "/admin/rebuilds/order-view"),
                        "$.eventsApplied") >= 200);
            } // the instance stops mid-copy

            Document checkpoint = database.getCollection("rebuild_checkpoints").find(Filters.eq("_id", "order-view")).first();
            assertThat(checkpoint.getString("state")).isEqualTo("COPYING");
            applied = ((Number) checkpoint.get("applied")).longValue();
            assertThat(applied).isBetween(200L, events.size() - 1L);
            assertThat(checkpoint.getDate("leaseUntil").toInstant()).isBefore(Instant.now().plusMillis(1));
            // The live generation was never touched.
            assertThat(ReadModelSnapshots.collectionNames(database)).contains("order_views", "order_views__rebuild_1");

            try (ConfigurableApplicationContext second = start()) {
                String base = baseUrl(second);
                await().atMost(PATIENCE).until(() -> "DONE".equals(JsonPath.read(get(base + "/admin/rebuilds/order-view"),
                        "$.state")));
                String status = get(base + "/admin/rebuilds/order-view");

                assertThat(JsonPath.<Integer>read(status, "$.runs")).isEqualTo(2);
                // Resumed, not restarted: at most the batch in flight at the stop was projected twice.
                assertThat(JsonPath.<Integer>read(status, "$.eventsApplied"))
                        .isBetween(events.size(), events.size() + BATCH);
                assertThat(ReadModelSnapshots.of(database, List.of("order_views"), List.of("order_views__rebuild_1"))
                        .get("order_views")).isEqualTo(live);
                assertThat(ReadModelSnapshots.collectionNames(database)).doesNotContain("order_views");
                assertThat(get(base + "/orders/" + histories.get(0).get(0).aggregateId())).contains("\"version\"");
            }
        }
    }

    private static ConfigurableApplicationContext start() {
        // Command-line arguments, since default properties would lose against application.yml.
        return new SpringApplicationBuilder(OrderQueryApplication.class).run(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("orders.admin.users", Operators.USER + ":" + Operators.PASSWORD),
                Map.entry("spring.kafka.bootstrap-servers", LocalNodes.kafkaBootstrapServers()),
                Map.entry("spring.mongodb.uri", LocalNodes.mongoUri()),
                Map.entry("orders.query.read-models.alias-refresh-interval", "200ms"),
                Map.entry("orders.query.read-models.lag-poll-interval", "200ms"),
                Map.entry("orders.query.rebuild.batch-size", Integer.toString(BATCH)),
                Map.entry("orders.query.rebuild.max-events-per-second", "150"),
                Map.entry("orders.query.rebuild.drain", "1s"),
                Map.entry("orders.query.rebuild.lease", "3s"),
                Map.entry("orders.query.rebuild.resume-check-interval", "300ms"))
                .entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private void awaitCaughtUp(String base, int records) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            String state = get(base + "/admin/read-models");
            assertThat(JsonPath.<List<Object>>read(state, "$[*].lagRecords"))
                    .hasSize(3).allMatch(lag -> lag instanceof Number number && number.longValue() == 0);
            assertThat(JsonPath.<List<Integer>>read(state, "$[?(@.readModel == 'order-view')].partitions[*].committedOffset")
                    .stream().mapToInt(Integer::intValue).sum()).isEqualTo(records);
        });
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", Operators.authorization()).GET().build());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
