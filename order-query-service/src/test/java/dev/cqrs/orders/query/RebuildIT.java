package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.query.readmodel.OrderHistories;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Zero-downtime rebuilds of populated read models against a real Kafka broker and the Mongo wire server: the rebuilt
 * generation equals the live one document for document, reads keep answering 200 throughout, and events that arrive
 * during the rebuild are not lost across the switch.
 */
@ExtendWith({LocalNodes.class, OutputCaptureExtension.class})
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "orders.query.retry.initial-interval=100ms",
        "orders.query.retry.max-interval=500ms",
        "orders.query.retry.gap-max-elapsed=2s",
        "orders.query.read-models.alias-refresh-interval=200ms",
        "orders.query.read-models.lag-poll-interval=200ms",
        "orders.query.rebuild.batch-size=100",
        "orders.query.rebuild.drain=1s",
        "orders.query.rebuild.resume-check-interval=1s"})
@AutoConfigureMockMvc
@DirtiesContext // closes the context before LocalNodes stops the broker
class RebuildIT {

    // -Drebuild.orders=50000 -Drebuild.patienceSeconds=1800 -Drebuild.readModels=order-view turns this into the
    // ">= 100,000 events" rebuild run; the defaults keep it quick inside mvn verify.
    private static final int ORDERS = Integer.getInteger("rebuild.orders", 300);
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("rebuild.patienceSeconds", 90));
    private static final Map<String, List<String>> BASE_COLLECTIONS = Map.of(
            "order-view", List.of("order_views"),
            "order-list", List.of("order_summaries"),
            "customer-summary", List.of("customer_order_facts", "customer_order_contributions", "customer_summaries"));

    private static TopicWriter topic;
    private static MongoClient mongo;
    private static MongoDatabase database;
    private static List<List<EventEnvelope>> histories;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
    }

    @BeforeAll
    static void populate() throws Exception {
        topic = new TopicWriter(LocalNodes.kafkaBootstrapServers());
        mongo = MongoClients.create(LocalNodes.mongoUri());
        database = mongo.getDatabase("orders_read");
        histories = OrderHistories.randomHistories(new Random(99), ORDERS,
                customers(), List.of("EUR", "USD"));
        List<EventEnvelope> events = new ArrayList<>();
        histories.forEach(events::addAll);
        topic.sendAll(events);
        // What the live listeners dead-letter, a rebuild skips: one undecodable record and one version gap.
        topic.sendRaw(UUID.randomUUID().toString(), "{\"eventId\": not json");
        UUID gap = UUID.randomUUID();
        topic.send(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(gap)));
    }

    @AfterAll
    static void close() {
        topic.close();
        mongo.close();
    }

    // A few customers with many orders each by default (counters under contention); -Drebuild.customers=N spreads
    // the big run over N customers, as real traffic would be.
    private static List<String> customers() {
        int count = Integer.getInteger("rebuild.customers", 0);
        return count <= 0 ? List.of("ana", "ben", "cy", "dee", "eve", "fay", "gus")
                : IntStream.range(0, count).mapToObj(i -> "customer-" + i).toList();
    }

    static List<String> readModels() {
        return List.of(System.getProperty("rebuild.readModels", "order-view,order-list,customer-summary").split(","));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readModels")
    void aRebuiltReadModelEqualsTheLiveOneDocumentForDocumentAndReadsNeverStop(String readModel) throws Exception {
        awaitLiveCaughtUp();
        List<String> before = liveCollections(readModel);
        Map<String, List<Document>> live = withoutMoves(
                ReadModelSnapshots.of(database, BASE_COLLECTIONS.get(readModel), before));
        long records = topic.records();
        Readers readers = new Readers(mvc, histories);
        readers.start();

        String location = mvc.perform(post("/admin/rebuilds/{readModel}", readModel).with(Operators.operator()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.readModel").value(readModel))
                .andReturn().getResponse().getHeader("Location");
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get(location).with(Operators.operator()))
                .andExpect(jsonPath("$.state").value("DONE")));
        readers.stop();

        String status = body(location);
        System.out.printf("[rebuild] %s of %d orders done while %d reads answered: %s%n", readModel, ORDERS, readers.reads.get(), status);
        List<String> after = JsonPath.read(status, "$.collections");
        assertThat(after).isNotEqualTo(before).allMatch(name -> name.contains("__rebuild_"));
        assertThat(liveCollections(readModel)).isEqualTo(after);
        assertThat(withoutMoves(ReadModelSnapshots.of(database, BASE_COLLECTIONS.get(readModel), after))).isEqualTo(live);
        assertThat(ReadModelSnapshots.collectionNames(database)).doesNotContainAnyElementsOf(before);
        assertThat(readers.failures).isEmpty();
        assertThat(readers.reads.get()).isPositive();
        assertThat(JsonPath.<Integer>read(status, "$.eventsSkipped")).isEqualTo(2);
        assertThat(JsonPath.<Integer>read(status, "$.eventsApplied").longValue()).isEqualTo(records - 2);
        assertThat(JsonPath.<Integer>read(status, "$.remainingEvents")).isZero();
        assertThat(JsonPath.<Integer>read(status, "$.etaSeconds")).isZero();
        assertThat(JsonPath.<Double>read(status, "$.eventsPerSecond")).isPositive();
        assertThat(JsonPath.<List<Integer>>read(status, "$.partitions[*].position"))
                .isEqualTo(JsonPath.<List<Integer>>read(status, "$.partitions[*].end"));
    }

    @Test
    void eventsArrivingDuringARebuildReachTheNewGenerationAndReadYourWritesHoldsAcrossTheSwitch() throws Exception {
        awaitLiveCaughtUp();
        AtomicBoolean producing = new AtomicBoolean(true);
        List<UUID> produced = new CopyOnWriteArrayList<>();
        List<String> staleReads = new CopyOnWriteArrayList<>();
        Thread producer = new Thread(() -> {
            try {
                while (producing.get()) {
                    UUID order = UUID.randomUUID();
                    topic.send(EventEnvelope.of(UUID.randomUUID(), 1, Instant.now(), new OrderCreated(order,
                            "during-rebuild", "EUR", List.of(new LineItem("SKU-1", 1, 100)))));
                    topic.send(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(order)));
                    produced.add(order);
                    // Read-your-writes right after the write, whichever generation is live at that moment.
                    MvcResult read = mvc.perform(get("/orders/{id}", order).param("minVersion", "2")
                            .param("waitMs", "5000")).andExpect(request().asyncStarted()).andReturn();
                    String stale = mvc.perform(asyncDispatch(read)).andReturn().getResponse().getHeader("X-Read-Model-Stale");
                    if (!"false".equals(stale)) {
                        staleReads.add(order + ": " + stale);
                    }
                }
            } catch (Exception e) {
                staleReads.add("producer failed: " + e);
            }
        }, "producer-during-rebuild");
        producer.start();
        await().atMost(PATIENCE).until(() -> produced.size() >= 5);

        mvc.perform(post("/admin/rebuilds/{readModel}", "order-view").with(Operators.operator())).andExpect(status().isAccepted());
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/admin/rebuilds/{readModel}", "order-view").with(Operators.operator()))
                .andExpect(jsonPath("$.state").value("DONE")));
        await().atMost(PATIENCE).until(() -> produced.size() >= 5 + 10);
        producing.set(false);
        producer.join();

        assertThat(staleReads).isEmpty();
        for (UUID order : produced) {
            mvc.perform(get("/orders/{id}", order))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.version").value(2));
        }
        awaitLiveCaughtUp();
        String collection = liveCollections("order-view").get(0);
        long orders = histories.size() + produced.size();
        assertThat(database.getCollection(collection).countDocuments()).isEqualTo(orders);
    }

    @Test
    void aSecondRebuildOfTheSameReadModelIsAConflictAndAnUnknownReadModelIsNotFound(CapturedOutput output) throws Exception {
        awaitLiveCaughtUp();
        mvc.perform(post("/admin/rebuilds/{readModel}", "order-list").with(Operators.secondOperator()))
                .andExpect(status().isAccepted());
        // The drain alone keeps the first one running for a second.
        mvc.perform(post("/admin/rebuilds/{readModel}", "order-list").with(Operators.operator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("/admin/rebuilds/order-list")));
        mvc.perform(post("/admin/rebuilds/{readModel}", "no-such-model").with(Operators.operator())).andExpect(status().isNotFound());
        mvc.perform(get("/admin/rebuilds/{readModel}", "no-such-model").with(Operators.operator())).andExpect(status().isNotFound());
        // Who started it, who was refused, and why: one audit line each.
        assertThat(output.getOut())
                .containsPattern("AUDIT user=second-operator action=rebuild\\.start target=order-list outcome=started:generation-\\d+")
                .contains("AUDIT user=test-operator action=rebuild.start target=order-list outcome=refused:ConflictException")
                .contains("AUDIT user=test-operator action=rebuild.start target=no-such-model outcome=refused:");
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/admin/rebuilds/{readModel}", "order-list").with(Operators.operator()))
                .andExpect(jsonPath("$.state").value("DONE")));
        mvc.perform(get("/admin/rebuilds").with(Operators.operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.readModel == 'order-list')].state").value(org.hamcrest.Matchers.contains("DONE")));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /**
     * A summary's bookkeeping of the moves it took (random ids, one per batch of an order's events) differs between
     * the live and a rebuilt generation by design; every counter must not.
     */
    private static Map<String, List<Document>> withoutMoves(Map<String, List<Document>> snapshot) {
        snapshot.getOrDefault("customer_summaries", List.of()).forEach(summary -> summary.remove("moves"));
        return snapshot;
    }

    /** Every read model's group has committed everything in the topic, as measured after this call began. */
    private void awaitLiveCaughtUp() {
        Instant since = Instant.now();
        await().atMost(PATIENCE).untilAsserted(() -> {
            String state = body("/admin/read-models");
            List<Object> lags = JsonPath.read(state, "$[*].lagRecords");
            List<String> measuredAt = JsonPath.read(state, "$[*].lagMeasuredAt");
            assertThat(lags).hasSize(3).allMatch(lag -> lag instanceof Number number && number.longValue() == 0);
            assertThat(measuredAt).allMatch(at -> at != null && Instant.parse(at).isAfter(since));
        });
    }

    private List<String> liveCollections(String readModel) throws Exception {
        List<List<String>> collections = JsonPath.read(body("/admin/read-models"),
                "$[?(@.readModel == '" + readModel + "')].collections");
        return collections.get(0);
    }

    /** GETs as an operator: needed for /admin, harmless on the public paths. */
    private String body(String path) throws Exception {
        return mvc.perform(get(path).with(Operators.operator())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** Reads every read model in a loop on a thread of its own, remembering anything but a 200. */
    private static final class Readers {

        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Readers(MockMvc mvc, List<List<EventEnvelope>> histories) {
            this.thread = new Thread(() -> {
                Random random = new Random(7);
                while (running.get()) {
                    EventEnvelope created = histories.get(random.nextInt(histories.size())).get(0);
                    String customer = ((OrderCreated) created.event()).customerId();
                    for (String path : List.of("/orders/" + created.aggregateId(), "/orders?customerId=" + customer,
                            "/customers/" + customer + "/summary")) {
                        try {
                            int status = mvc.perform(get(path)).andReturn().getResponse().getStatus();
                            if (status != 200) {
                                failures.add(path + " answered " + status);
                            }
                            reads.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(path + " failed: " + e);
                        }
                    }
                }
            }, "reader-during-rebuild");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
