package dev.cqrs.orders.query;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An OrderCreated of schema version 1 (as old producers wrote it, straight JSON on the topic) and one of version 2
 * (with a discount) on the same topic: both project right, live and again in a rebuild from the start.
 */
@ExtendWith(LocalNodes.class)
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "orders.query.read-models.alias-refresh-interval=200ms",
        "orders.query.rebuild.batch-size=100",
        "orders.query.rebuild.drain=1s"})
@AutoConfigureMockMvc
@DirtiesContext
class MixedEventVersionsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final UUID V1_ORDER = UUID.randomUUID();
    private static final UUID V2_ORDER = UUID.randomUUID();
    private static TopicWriter topic;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
    }

    @BeforeAll
    static void writeBothVersions() throws Exception {
        topic = new TopicWriter(LocalNodes.kafkaBootstrapServers());
        // Version 1, exactly as a producer of that era wrote it: no discountCents at all.
        topic.sendRaw(V1_ORDER.toString(), """
                {"eventId":"%s","eventType":"OrderCreated","schemaVersion":1,"aggregateType":"Order",
                 "aggregateId":"%s","aggregateVersion":1,"occurredAt":"2025-06-01T10:00:00Z",
                 "data":{"orderId":"%s","customerId":"mixed","currency":"EUR",
                         "items":[{"sku":"OLD-1","quantity":2,"unitPriceCents":1250}]}}
                """.formatted(UUID.randomUUID(), V1_ORDER, V1_ORDER));
        topic.send(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(V1_ORDER)));
        topic.send(EventEnvelope.of(UUID.randomUUID(), 1, Instant.now(),
                new OrderCreated(V2_ORDER, "mixed", "EUR", List.of(new LineItem("NEW-1", 2, 1250)), 500)));
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @Test
    void bothVersionsProjectLiveAndInARebuild() throws Exception {
        await().atMost(PATIENCE).untilAsserted(this::bothViewsAreRight);

        mvc.perform(post("/admin/rebuilds/{readModel}", "order-view").with(Operators.operator())).andExpect(status().isAccepted());
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/admin/rebuilds/{readModel}", "order-view").with(Operators.operator()))
                .andExpect(jsonPath("$.state").value("DONE")));
        bothViewsAreRight();
    }

    private void bothViewsAreRight() throws Exception {
        mvc.perform(get("/orders/{id}", V1_ORDER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.discountCents").value(0))
                .andExpect(jsonPath("$.totalCents").value(2500));
        mvc.perform(get("/orders/{id}", V2_ORDER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.discountCents").value(500))
                .andExpect(jsonPath("$.totalCents").value(2000));
        mvc.perform(get("/customers/{customer}/summary", "mixed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lifetimeTotalCents.EUR").value(4500));
    }
}
