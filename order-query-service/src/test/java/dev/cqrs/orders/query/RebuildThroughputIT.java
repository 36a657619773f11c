package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A benchmark of sorts, asserting nothing about speed: rebuilds each read model from a topic of 6,000 events and logs
 * the pace of the copy (events up to the switch over the time to the switch), as a number to compare across changes.
 */
@ExtendWith(LocalNodes.class)
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "orders.query.read-models.alias-refresh-interval=100ms",
        "orders.query.read-models.lag-poll-interval=200ms",
        "orders.query.rebuild.drain=200ms"})
@AutoConfigureMockMvc
@DirtiesContext
class RebuildThroughputIT {

    private static final Logger log = LoggerFactory.getLogger(RebuildThroughputIT.class);
    private static final int ORDERS = 2_000;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static TopicWriter topic;

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
        List<EventEnvelope> events = new ArrayList<>();
        Instant at = Instant.parse("2025-08-01T00:00:00Z");
        for (int i = 0; i < ORDERS; i++) {
            UUID order = UUID.randomUUID();
            events.add(EventEnvelope.of(UUID.randomUUID(), 1, at.plusSeconds(i), new OrderCreated(order,
                    "bench-" + (i % 50), i % 3 == 0 ? "USD" : "EUR", List.of(new LineItem("SKU-" + i, 1 + i % 4, 999)))));
            events.add(EventEnvelope.of(UUID.randomUUID(), 2, at.plusSeconds(i + 60), new OrderConfirmed(order)));
            events.add(EventEnvelope.of(UUID.randomUUID(), 3, at.plusSeconds(i + 120), new OrderShipped(order)));
        }
        topic.sendAll(events);
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"order-view", "order-list", "customer-summary"})
    void rebuildPace(String readModel) throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(JsonPath.<List<Object>>read(body("/admin/read-models"),
                "$[*].lagRecords")).hasSize(3).allMatch(lag -> lag instanceof Number n && n.longValue() == 0));

        mvc.perform(post("/admin/rebuilds/{readModel}", readModel).with(Operators.operator())).andExpect(status().isAccepted());
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/admin/rebuilds/{readModel}", readModel).with(Operators.operator()))
                .andExpect(jsonPath("$.state").value("DONE")));

        String status = body("/admin/rebuilds/" + readModel);
        long events = JsonPath.<Integer>read(status, "$.eventsApplied");
        Duration copy = Duration.between(Instant.parse(JsonPath.read(status, "$.startedAt")),
                Instant.parse(JsonPath.read(status, "$.switchedAt")));
        log.info("Rebuild pace of {}: {} events to the switch in {} ms = {} events/s", readModel, events, copy.toMillis(),
                Math.round(events * 1000.0 / Math.max(1, copy.toMillis())));
        assertThat(events).isEqualTo(3L * ORDERS);
    }

    /** GETs as an operator: needed for /admin, harmless on the public paths. */
    private String body(String path) throws Exception {
        return mvc.perform(get(path).with(Operators.operator())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
