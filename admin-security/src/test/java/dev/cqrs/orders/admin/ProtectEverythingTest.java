package dev.cqrs.orders.admin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** The ops console's mode: every path needs an operator, the page included; the probes stay public. */
@SpringBootTest(classes = AdminSecurityTest.App.class, properties = {
        "orders.admin.users=alice:wonderland",
        "orders.admin.protect-everything=true",
        "management.endpoint.health.probes.enabled=true"})
@AutoConfigureMockMvc
class ProtectEverythingTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyPathButTheProbesNeedsAnOperator() throws Exception {
        mvc.perform(get("/orders")).andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"orders-admin\""));
        mvc.perform(get("/")).andExpect(status().isUnauthorized());
        mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, AdminSecurityTest.basic("alice", "wonderland")))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }
}
