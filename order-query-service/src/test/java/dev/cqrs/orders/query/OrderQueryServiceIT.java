package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole service against a real KRaft Kafka broker and the Mongo wire server: real encoded events go in through
 * the topic, read models come out over HTTP.
 */
@ExtendWith(LocalNodes.class)
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "orders.query.retry.initial-interval=100ms",
        "orders.query.retry.max-interval=500ms",
        "orders.query.retry.gap-max-elapsed=2s",
        "orders.query.read-models.lag-poll-interval=300ms",
        "management.prometheus.metrics.export.enabled=true"})
@AutoConfigureMockMvc
@Import(FaultInjection.class)
@DirtiesContext // closes the context before LocalNodes stops the broker
class OrderQueryServiceIT {

    private static final String TOPIC = "orders.events";
    private static final String DLT = "orders.events.DLT";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final EventCodec CODEC = new EventCodec();

    private static KafkaProducer<String, String> producer;

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private KafkaConsumer<String, String> deadLetterConsumer;
    private final List<ConsumerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalNodes.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
    }

    @BeforeEach
    void readDeadLetters() {
        deadLetterConsumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalNodes.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = deadLetterConsumer.partitionsFor(DLT).stream()
                .map(info -> new TopicPartition(DLT, info.partition())).toList();
        deadLetterConsumer.assign(partitions);
        deadLetterConsumer.seekToBeginning(partitions);
    }

    @AfterEach
    void closeDeadLetterConsumer() {
        deadLetterConsumer.close();
    }

    @Test
    void anOrdersLifecycleBecomesVisibleInTheViewAndTheList() throws Exception {
        UUID order = UUID.randomUUID();
        String customer = "lifecycle-" + order;
        Instant placed = Instant.parse("2025-06-01T09:00:00.123Z");
        send(EventEnvelope.of(UUID.randomUUID(), 1, placed, new OrderCreated(order, customer, "EUR",
                List.of(new LineItem("SKU-1", 2, 1250), new LineItem("SKU-2", 1, 499)))));

        awaitView(order, 1);
        mvc.perform(get("/orders/{id}", order))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.status").value("CREATED"))
                .andExpect(jsonPath("$.customerId").value(customer))
                .andExpect(jsonPath("$.totalCents").value(2999))
                .andExpect(jsonPath("$.items[0].lineTotalCents").value(2500))
                .andExpect(jsonPath("$.createdAt").value("2025-06-01T09:00:00.123Z"));
        awaitListed(customer, order, "CREATED");

        send(EventEnvelope.of(UUID.randomUUID(), 2, placed.plusSeconds(60), new OrderConfirmed(order)));
        send(EventEnvelope.of(UUID.randomUUID(), 3, placed.plusSeconds(120), new OrderCancelled(order, "changed mind")));

        awaitView(order, 3);
        mvc.perform(get("/orders/{id}", order))
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("changed mind"))
                .andExpect(jsonPath("$.updatedAt").value("2025-06-01T09:02:00.123Z"));
        awaitListed(customer, order, "CANCELLED");
    }

    @Test
    void duplicatesAndStaleEventsChangeNothing() throws Exception {
        UUID order = UUID.randomUUID();
        String customer = "dupes-" + order;
        Instant placed = Instant.parse("2025-06-02T09:00:00Z");
        EventEnvelope created = EventEnvelope.of(UUID.randomUUID(), 1, placed,
                new OrderCreated(order, customer, "EUR", List.of(new LineItem("SKU-1", 4, 300))));
        EventEnvelope confirmed = EventEnvelope.of(UUID.randomUUID(), 2, placed.plusSeconds(1), new OrderConfirmed(order));
        EventEnvelope shipped = EventEnvelope.of(UUID.randomUUID(), 3, placed.plusSeconds(2), new OrderShipped(order));
        RecordMetadata first = send(created);
        send(confirmed);
        send(shipped);
        awaitView(order, 3);
        awaitListed(customer, order, "SHIPPED");
        String before = body("/orders/" + order);

        send(created);
        send(confirmed);
        send(shipped);
        send(EventEnvelope.of(UUID.randomUUID(), 2, placed.plusSeconds(5), new OrderCancelled(order, "stale replay")));
        // Records of one partition are processed in order: once this later order shows up in both read models,
        // both groups have processed the duplicates and the stale event before it.
        UUID marker = UUID.randomUUID();
        send(first.partition(), EventEnvelope.of(UUID.randomUUID(), 1, placed, new OrderCreated(marker, customer, "EUR",
                List.of(new LineItem("SKU-9", 1, 1)))));
        awaitView(marker, 1);
        awaitListed(customer, marker, "CREATED");

        assertThat(body("/orders/" + order)).isEqualTo(before);
        mvc.perform(get("/orders").param("customerId", customer).param("status", "SHIPPED"))
                .andExpect(jsonPath("$.items[*].orderId", contains(order.toString())))
                .andExpect(jsonPath("$.items[0].version").value(3))
                .andExpect(jsonPath("$.items[0].totalCents").value(1200));
        // The summary's counters went through every duplicate too: the order still counts once, as shipped.
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/customers/{id}/summary", customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderCount").value(2)));
        mvc.perform(get("/customers/{id}/summary", customer))
                .andExpect(jsonPath("$.ordersByStatus.SHIPPED").value(1))
                .andExpect(jsonPath("$.ordersByStatus.CREATED").value(1))
                .andExpect(jsonPath("$.ordersByStatus.CANCELLED").value(0))
                .andExpect(jsonPath("$.lifetimeTotalCents.EUR").value(1201));
    }

    @Test
    void theCustomerSummaryCountsByStatusAndTotalsWhatIsNotCancelledPerCurrency() throws Exception {
        String customer = "summary-" + UUID.randomUUID();
        Instant placed = Instant.parse("2025-06-03T09:00:00.250Z");
        UUID kept = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID dollars = UUID.randomUUID();
        send(EventEnvelope.of(UUID.randomUUID(), 1, placed, new OrderCreated(kept, customer, "EUR",
                List.of(new LineItem("A", 2, 500)))));
        send(EventEnvelope.of(UUID.randomUUID(), 2, placed.plusSeconds(5), new OrderConfirmed(kept)));
        send(EventEnvelope.of(UUID.randomUUID(), 1, placed.plusSeconds(60), new OrderCreated(cancelled, customer, "EUR",
                List.of(new LineItem("B", 1, 700)))));
        send(EventEnvelope.of(UUID.randomUUID(), 2, placed.plusSeconds(70), new OrderCancelled(cancelled, "no")));
        send(EventEnvelope.of(UUID.randomUUID(), 1, placed.plusSeconds(30), new OrderCreated(dollars, customer, "USD",
                List.of(new LineItem("C", 3, 100)))));

        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/customers/{id}/summary", customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderCount").value(3))
                .andExpect(jsonPath("$.ordersByStatus.CONFIRMED").value(1))
                .andExpect(jsonPath("$.ordersByStatus.CANCELLED").value(1))
                .andExpect(jsonPath("$.ordersByStatus.CREATED").value(1))
                .andExpect(jsonPath("$.ordersByStatus.SHIPPED").value(0))
                .andExpect(jsonPath("$.lifetimeTotalCents.EUR").value(1000))
                .andExpect(jsonPath("$.lifetimeTotalCents.USD").value(300))
                .andExpect(jsonPath("$.lastOrderAt").value("2025-06-03T09:01:00.250Z")));
        mvc.perform(get("/customers/{id}/summary", "nobody-" + customer))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aReadRightAfterAWriteWaitsForThatVersionInsteadOfAnswering404() throws Exception {
        UUID order = UUID.randomUUID();
        MvcResult waitingForCreation = mvc.perform(get("/orders/{id}", order).param("minVersion", "1")
                .param("waitMs", "5000")).andExpect(request().asyncStarted()).andReturn();

        send(created(order, "ryw-" + order));

        mvc.perform(asyncDispatch(waitingForCreation))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Read-Model-Stale", "false"))
                .andExpect(header().string("X-Read-Model-Version", "1"))
                .andExpect(jsonPath("$.version").value(1));

        MvcResult waitingForConfirmation = mvc.perform(get("/orders/{id}", order).param("minVersion", "2")
                .param("waitMs", "5000")).andExpect(request().asyncStarted()).andReturn();
        send(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(order)));
        mvc.perform(asyncDispatch(waitingForConfirmation))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void hundredsOfWaitingReadsAreParkedWithoutAThreadEachAndOneEventAnswersThemAll() throws Exception {
        UUID order = UUID.randomUUID();
        int threadsBefore = Thread.activeCount();
        List<MvcResult> waiting = new ArrayList<>();
        // One test thread issues every request; each returns at once with its answer still pending.
        for (int i = 0; i < 300; i++) {
            waiting.add(mvc.perform(get("/orders/{id}", order).param("minVersion", "1").param("waitMs", "5000"))
                    .andExpect(request().asyncStarted()).andReturn());
        }
        assertThat(Thread.activeCount()).isLessThan(threadsBefore + 50);

        send(created(order, "crowd-" + order));

        for (MvcResult result : waiting) {
            mvc.perform(asyncDispatch(result))
                    .andExpect(status().isOk())
                    .andExpect(header().string("X-Read-Model-Stale", "false"));
        }
    }

    @Test
    void aReadWhoseWaitRunsOutSaysItIsStaleAndWhichVersionItHas() throws Exception {
        UUID order = UUID.randomUUID();
        send(created(order, "stale-" + order));
        awaitView(order, 1);

        MvcResult result = mvc.perform(get("/orders/{id}", order).param("minVersion", "2").param("waitMs", "200"))
                .andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(result))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Read-Model-Stale", "true"))
                .andExpect(header().string("X-Read-Model-Version", "1"))
                .andExpect(jsonPath("$.version").value(1));
        MvcResult missing = mvc.perform(get("/orders/{id}", UUID.randomUUID()).param("minVersion", "1")
                .param("waitMs", "100")).andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(missing))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Read-Model-Stale", "true"))
                .andExpect(jsonPath("$.currentVersion").value(0));
    }

    @Test
    void eachReadModelReportsItsPositionLagAndDelay() throws Exception {
        UUID order = UUID.randomUUID();
        send(created(order, "positions-" + order));
        awaitView(order, 1);

        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/admin/read-models").with(Operators.operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].readModel", contains("customer-summary", "order-list", "order-view")))
                .andExpect(jsonPath("$[*].consumerGroup", contains("order-query.customer-summary",
                        "order-query.order-list", "order-query.order-view")))
                .andExpect(jsonPath("$[2].lagRecords").isNumber())
                .andExpect(jsonPath("$[2].partitions.length()").value(3))
                .andExpect(jsonPath("$[2].partitions[*].committedOffset", hasItem(greaterThan(0))))
                .andExpect(jsonPath("$[2].partitions[*].lastAppliedOffset", hasItem(greaterThan(-1))))
                .andExpect(jsonPath("$[2].lastAppliedEventAt").isString())
                .andExpect(jsonPath("$[2].delay.count", greaterThan(0)))
                .andExpect(jsonPath("$[2].delay.p99Ms").isNumber())
                .andExpect(jsonPath("$[2].collections[0]").value("order_views")));
        String prometheus = mvc.perform(get("/actuator/prometheus").with(Operators.operator())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        // Prometheus gets the bucketed histogram (histogram_quantile aggregates it across replicas); the quantiles this
        // replica computes itself are the p50/p99 of /admin/read-models above.
        assertThat(prometheus)
                .contains("# TYPE orders_projection_delay_seconds histogram")
                .containsPattern("orders_projection_delay_seconds_bucket\\{[^}]*readModel=\"customer-summary\"[^}]*le=\"0.001\"")
                .containsPattern("orders_projection_lag_records\\{[^}]*readModel=\"order-view\"[^}]*} [0-9.]+");
    }

    @Test
    void poisonIsDeadLetteredWithItsOriginWhileLaterEventsStillApply() throws Exception {
        String badJsonKey = UUID.randomUUID().toString();
        RecordMetadata badJson = sendRaw(badJsonKey, "{\"eventId\": not json");
        UUID noItemsOrder = UUID.randomUUID();
        RecordMetadata noItems = sendRaw(noItemsOrder.toString(), withoutItems(EventEnvelope.of(UUID.randomUUID(), 1,
                Instant.now(), new OrderCreated(noItemsOrder, "c", "EUR", List.of(new LineItem("S", 1, 1))))));
        UUID good = UUID.randomUUID();
        send(badJson.partition(), created(good, "after-poison-" + good));
        send(noItems.partition(), created(UUID.randomUUID(), "after-poison-" + good));

        awaitView(good, 1);
        awaitListed("after-poison-" + good, good, "CREATED");
        await().atMost(PATIENCE).pollInSameThread().untilAsserted(() -> {
            pollDeadLetters();
            assertDeadLettered(badJsonKey, badJson, "EventDecodingException");
            assertDeadLettered(noItemsOrder.toString(), noItems, "EventDecodingException");
        });
        mvc.perform(get("/orders/{id}", noItemsOrder)).andExpect(status().isNotFound());
    }

    @Test
    void aVersionGapIsRetriedForABoundedTimeThenDeadLettered() throws Exception {
        UUID order = UUID.randomUUID();
        RecordMetadata gap = send(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(order)));

        await().atMost(PATIENCE).pollInSameThread().untilAsserted(() -> {
            pollDeadLetters();
            assertDeadLettered(order.toString(), gap, "VersionGapException");
        });
        mvc.perform(get("/orders/{id}", order)).andExpect(status().isNotFound());
    }

    @Test
    void aFailingReadModelDoesNotHoldUpTheOtherAndIsNeverDeadLetteredForAnOutage() throws Exception {
        UUID stuck = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        String customer = "outage-" + stuck;
        FaultInjection.breakListWritesOf(stuck.toString());
        try {
            RecordMetadata first = send(created(stuck, customer));
            send(first.partition(), created(behind, customer));

            // The view's group moves on past both orders while the list's group keeps retrying the first, for longer
            // than a version gap would be retried (2 s here): 8 attempts at 0.1, 0.2, 0.4, 0.5, 0.5... s take > 2 s.
            awaitView(stuck, 1);
            awaitView(behind, 1);
            await().atMost(PATIENCE).until(() -> FaultInjection.failedWritesOf(stuck.toString()) >= 8);
            mvc.perform(get("/orders").param("customerId", customer)).andExpect(jsonPath("$.items", empty()));
        } finally {
            FaultInjection.heal(stuck.toString());
        }

        awaitListed(customer, stuck, "CREATED");
        awaitListed(customer, behind, "CREATED");
        pollDeadLetters();
        assertThat(deadLetters).noneMatch(record -> stuck.toString().equals(record.key()));
    }

    @Test
    void listingPagesThroughACustomersOrdersNewestFirst() throws Exception {
        String customer = "pager-" + UUID.randomUUID();
        List<String> newestFirst = new ArrayList<>();
        Instant start = Instant.parse("2025-07-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            UUID order = UUID.randomUUID();
            send(EventEnvelope.of(UUID.randomUUID(), 1, start.plusSeconds(i), new OrderCreated(order, customer, "EUR",
                    List.of(new LineItem("SKU-" + i, 1, 100)))));
            newestFirst.add(0, order.toString());
        }
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/orders").param("customerId", customer))
                .andExpect(jsonPath("$.items.length()").value(5)));

        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            var request = get("/orders").param("customerId", customer).param("limit", "2");
            if (next != null) {
                request.param("after", next);
            }
            String page = body(request);
            seen.addAll(JsonPath.read(page, "$.items[*].orderId"));
            next = JsonPath.read(page, "$.next");
        } while (next != null);

        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void readinessAndTheDelayMetricAreExposed() throws Exception {
        UUID order = UUID.randomUUID();
        send(created(order, "metrics-" + order));
        awaitView(order, 1);

        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics/orders.projection.delay").param("tag", "readModel:order-view").with(Operators.operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value", greaterThan(0.0)));
        mvc.perform(get("/actuator/prometheus").with(Operators.operator())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("orders_projection_delay_seconds_count")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("readModel=\"order-list\"")));

        // One family of listener timers, the records' own: Prometheus drops whichever of two tag sets comes second.
        assertThat(listeners.getListenerContainers()).hasSize(3)
                .allSatisfy(container -> assertThat(container.getContainerProperties().isMicrometerEnabled()).isFalse());
        String prometheus = mvc.perform(get("/actuator/prometheus").with(Operators.operator())).andReturn().getResponse()
                .getContentAsString();
        assertThat(prometheus).containsPattern("spring_kafka_listener_seconds_count\\{[^}]*spring_kafka_listener_id=\"order-view\"")
                .doesNotContainPattern("spring_kafka_listener_seconds_count\\{[^}]*result=");
    }

    @Test
    void unknownOrdersAreNotFoundProblems() throws Exception {
        mvc.perform(get("/orders/{id}", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/orders").param("status", "nonsense"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static EventEnvelope created(UUID order, String customer) {
        return EventEnvelope.of(UUID.randomUUID(), 1, Instant.now(),
                new OrderCreated(order, customer, "EUR", List.of(new LineItem("SKU-1", 1, 100))));
    }

    private static RecordMetadata send(EventEnvelope envelope) throws Exception {
        return send(null, envelope);
    }

    /** Sends with the contract's key, value and headers; a given partition pins it next to another order's events. */
    private static RecordMetadata send(Integer partition, EventEnvelope envelope) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, partition,
                envelope.aggregateId().toString(), CODEC.encode(envelope));
        record.headers().add("eventId", utf8(envelope.eventId().toString()));
        record.headers().add("eventType", utf8(envelope.eventType()));
        record.headers().add("aggregateVersion", utf8(Long.toString(envelope.aggregateVersion())));
        return producer.send(record).get();
    }

    private static RecordMetadata sendRaw(String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    /** A well-formed envelope whose OrderCreated breaks the "at least one item" invariant. */
    private static String withoutItems(EventEnvelope envelope) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode node = (ObjectNode) mapper.readTree(CODEC.encode(envelope));
        ((ObjectNode) node.get("data")).putArray("items");
        return mapper.writeValueAsString(node);
    }

    private void awaitView(UUID order, long version) {
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/orders/{id}", order))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(version)));
    }

    private void awaitListed(String customer, UUID order, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/orders").param("customerId", customer)
                        .param("status", status))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].orderId", hasItem(order.toString()))));
    }

    private String body(String path) throws Exception {
        return body(get(path));
    }

    /** GETs as an operator: needed for /admin and /actuator, harmless on the public paths. */
    private String body(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(Operators.operator())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private void pollDeadLetters() {
        deadLetterConsumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
    }

    /** Both read models' groups dead-lettered the record, each with the original coordinates and the cause. */
    private void assertDeadLettered(String key, RecordMetadata original, String exceptionName) {
        List<ConsumerRecord<String, String>> letters = deadLetters.stream()
                .filter(record -> key.equals(record.key())).toList();
        assertThat(letters).extracting(record -> headerText(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
                .containsExactlyInAnyOrder("order-query.order-view", "order-query.order-list", "order-query.customer-summary");
        assertThat(letters).allSatisfy(record -> {
            assertThat(headerText(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
            assertThat(ByteBuffer.wrap(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                    .isEqualTo(original.partition());
            assertThat(ByteBuffer.wrap(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                    .isEqualTo(original.offset());
            assertThat(headerText(record, KafkaHeaders.DLT_EXCEPTION_FQCN) + " "
                    + headerText(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).contains(exceptionName);
        });
    }

    private static String headerText(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
