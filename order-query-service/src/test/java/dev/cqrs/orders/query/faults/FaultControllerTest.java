package dev.cqrs.orders.query.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.admin.AdminSecurityAutoConfiguration;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The fault switch when enabled: inject, list, fail the chosen (read model, order) only, clear; bad input is a 400. */
@WebMvcTest(controllers = FaultController.class,
        properties = {"orders.query.faults.enabled=true", "orders.admin.users=op:pw"})
@ImportAutoConfiguration(AdminSecurityAutoConfiguration.class)
@Import({InjectedFaults.class, FaultControllerTest.ReadModels.class})
class FaultControllerTest {

    private static final String ORDER = "7d0f5c1e-2b43-4a8e-9f0e-1c2d3e4f5a6b";

    @Autowired
    MockMvc mvc;

    @Autowired
    InjectedFaults faults;

    @Test
    void anInjectedFaultFailsOnlyThatReadModelAndOrderUntilCleared() throws Exception {
        mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"readModel\":\"order-view\",\"orderId\":\"" + ORDER + "\"}").with(httpBasic("op", "pw")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.readModel").value("order-view"))
                .andExpect(jsonPath("$.orderId").value(ORDER));
        mvc.perform(get("/admin/faults").with(httpBasic("op", "pw"))).andExpect(jsonPath("$[0].orderId").value(ORDER));

        EventEnvelope confirmed = EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(),
                new OrderConfirmed(UUID.fromString(ORDER)));
        EventEnvelope other = EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(), new OrderConfirmed(UUID.randomUUID()));
        assertThatThrownBy(() -> faults.beforeApply("order-view", confirmed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("injected fault")
                .hasMessageContaining("DELETE /admin/faults/order-view/" + ORDER);
        faults.beforeApply("order-list", confirmed);
        faults.beforeApply("order-view", other);

        mvc.perform(delete("/admin/faults/order-view/{id}", ORDER).with(httpBasic("op", "pw"))).andExpect(status().isOk());
        faults.beforeApply("order-view", confirmed);
        assertThat(faults.all()).isEmpty();
        mvc.perform(delete("/admin/faults/order-view/{id}", ORDER).with(httpBasic("op", "pw")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnknownReadModelOrAMalformedOrderIdIsABadRequest() throws Exception {
        mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"readModel\":\"nope\",\"orderId\":\"" + ORDER + "\"}").with(httpBasic("op", "pw")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("order-list")));
        mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"readModel\":\"order-view\",\"orderId\":\"42\"}").with(httpBasic("op", "pw")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid order id"));
        assertThat(faults.all()).isEmpty();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ReadModels {

        @Bean
        ReadModel orderView() {
            return named("order-view");
        }

        @Bean
        ReadModel orderList() {
            return named("order-list");
        }

        private static ReadModel named(String name) {
            return new ReadModel() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String consumerGroup() {
                    return name;
                }

                @Override
                public List<String> collections() {
                    return List.of();
                }

                @Override
                public Projection projectionInto(ReadModelCollections collections) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
