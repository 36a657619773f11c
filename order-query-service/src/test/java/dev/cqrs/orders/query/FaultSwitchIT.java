package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
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
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The fault switch against a real Kafka broker and the Mongo wire server: the real error handler retries the faulted
 * order's event in that read model, then dead-letters it; the other read models and orders keep flowing; after the
 * fault is cleared, replaying the letter brings the read model current.
 */
@ExtendWith(LocalNodes.class)
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "orders.query.faults.enabled=true",
        "orders.query.retry.initial-interval=100ms",
        "orders.query.retry.max-interval=500ms",
        "orders.query.retry.gap-max-elapsed=2s"})
@AutoConfigureMockMvc
@DirtiesContext
class FaultSwitchIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TopicWriter topic;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void startProducer() throws Exception {
        topic = new TopicWriter(LocalNodes.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopProducer() {
        topic.close();
    }

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
    }

    @Test
    void aFaultedOrderIsRetriedThenDeadLetteredAndReplaysOnceCleared() throws Exception {
        UUID faulted = UUID.randomUUID();
        String customer = "faulted-" + faulted;
        String fault = "{\"readModel\":\"order-view\",\"orderId\":\"" + faulted + "\"}";
        mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON).content(fault))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON).content(fault)
                        .with(Operators.operator()))
                .andExpect(status().isCreated());

        topic.send(EventEnvelope.of(UUID.randomUUID(), 1, Instant.now(),
                new OrderCreated(faulted, customer, "EUR", List.of(new LineItem("SKU-1", 1, 100)))));
        topic.send(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(faulted)));

        // Another read model of the same order is not affected.
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/orders").param("customerId", customer)
                        .param("status", "CONFIRMED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].orderId", hasItem(faulted.toString()))));
        String[] head = new String[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            String json = body("/admin/dead-letters?readModel=order-view&status=OPEN");
            List<Map<String, Object>> letters = JsonPath.read(json, "$[?(@.orderId == '" + faulted + "')]");
            assertThat(letters).hasSize(2);
            Map<String, Object> first = letters.stream()
                    .filter(letter -> "HEAD".equals(letter.get("role"))).findFirst().orElseThrow();
            assertThat((String) first.get("error")).contains("injected fault");
            assertThat(((Number) first.get("attempts")).intValue()).as("retried before dead-lettering").isGreaterThan(1);
            head[0] = (String) first.get("id");
        });
        mvc.perform(get("/orders/{id}", faulted)).andExpect(status().isNotFound());

        mvc.perform(delete("/admin/faults/order-view/{id}", faulted).with(Operators.operator())).andExpect(status().isOk());
        mvc.perform(post("/admin/dead-letters/{id}/replay", head[0]).with(Operators.operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caughtUp").value(true));
        mvc.perform(get("/orders/{id}", faulted))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    private String body(String uri) throws Exception {
        return mvc.perform(get(uri).with(Operators.operator())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
