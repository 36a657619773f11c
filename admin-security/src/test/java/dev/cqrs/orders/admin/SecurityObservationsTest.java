package dev.cqrs.orders.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Spring Security's own observations stay off unless orders.security.observations is true: an authenticated admin
 * request then leaves no spring.security.* meter. The nested case turns them on and sees the meters, which shows that
 * the first one would notice them.
 */
class SecurityObservationsTest {

    @Nested
    @SpringBootTest(classes = AdminSecurityTest.App.class, properties = "orders.admin.users=alice:wonderland")
    @AutoConfigureMockMvc
    class ByDefault {

        @Autowired
        MockMvc mvc;

        @Autowired
        MeterRegistry registry;

        @Test
        void anAuthenticatedRequestLeavesNoSecurityMeter() throws Exception {
            adminRequest(mvc);
            assertThat(securityMeters(registry)).isEmpty();
        }
    }

    @Nested
    @SpringBootTest(classes = AdminSecurityTest.App.class,
            properties = {"orders.admin.users=alice:wonderland", SecurityObservationsAutoConfiguration.PROPERTY + "=true"})
    @AutoConfigureMockMvc
    class WhenTurnedOn {

        @Autowired
        MockMvc mvc;

        @Autowired
        MeterRegistry registry;

        @Test
        void theFilterChainAuthenticationAndAuthorizationAreObserved() throws Exception {
            adminRequest(mvc);
            assertThat(securityMeters(registry)).contains("spring.security.filterchains",
                    "spring.security.authentications", "spring.security.authorizations");
        }
    }

    private static void adminRequest(MockMvc mvc) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, "Basic " + credentials))
                .andExpect(status().isOk());
    }

    private static List<String> securityMeters(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                .filter(name -> name.startsWith("spring.security")).distinct().toList();
    }
}
