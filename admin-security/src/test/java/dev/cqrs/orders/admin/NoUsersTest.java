package dev.cqrs.orders.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** ADMIN_USERS unset: the service starts, says how to set it, and refuses every protected request. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = AdminSecurityTest.App.class, properties = {
        "orders.admin.users=",
        "management.endpoint.health.probes.enabled=true"})
@AutoConfigureMockMvc
class NoUsersTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyProtectedRequestIsRefusedAndTheStartLogSaysWhy(CapturedOutput output) throws Exception {
        mvc.perform(post("/admin/things")).andExpect(status().isUnauthorized());
        // No user exists, so no password (not even an empty one) lets anyone in.
        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, AdminSecurityTest.basic("admin", "")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/orders")).andExpect(status().isOk());
        assertThat(output.getAll()).contains("WARN").contains("ADMIN_USERS is empty")
                .contains("Set ADMIN_USERS=name:password");
    }
}
