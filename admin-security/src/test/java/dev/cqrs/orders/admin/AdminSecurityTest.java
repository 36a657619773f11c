package dev.cqrs.orders.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The filter chain of the auto-configuration, in a minimal web app with one admin and one public endpoint. */
@SpringBootTest(properties = {
        "orders.admin.users=alice:wonderland,bob:{bcrypt}" + AdminSecurityTest.BOB_HASH,
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=when-authorized",
        "management.endpoint.health.show-components=when-authorized",
        "management.endpoint.health.probes.enabled=true"})
@AutoConfigureMockMvc
class AdminSecurityTest {

    static final String BOB_HASH = "$2a$04$oqrezK1NX3M9ZaUyqmbZAuc9XBuBbV4TCcvYXYueIHM0bXcMvCu2S";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserDetailsService users;

    @Test
    void anonymousAdminRequestGetsProblemJsonWithBasicChallenge() throws Exception {
        mvc.perform(post("/admin/things"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"orders-admin\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ADMIN_USERS")))
                .andExpect(jsonPath("$.instance").value("/admin/things"));
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefused() throws Exception {
        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, basic("alice", "nope")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE));
        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, basic("mallory", "wonderland")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void plainAndBcryptPasswordsBothWorkWithoutCsrfToken() throws Exception {
        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, basic("alice", "wonderland")))
                .andExpect(status().isOk())
                .andExpect(content().string("done by alice"))
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, basic("bob", "builder")))
                .andExpect(status().isOk())
                .andExpect(content().string("done by bob"));
    }

    /**
     * Spring Security re-encodes a plain password with bcrypt after its first use when the user store can be updated;
     * every later request then paid a bcrypt check (tens of milliseconds of CPU), which made the once-a-second lag
     * watch of a load test one of the query service's larger costs. A plain password stays plain.
     */
    @Test
    void aPlainPasswordIsNotReEncodedOnUse() throws Exception {
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, basic("alice", "wonderland")))
                    .andExpect(status().isOk());
        }
        assertThat(users.loadUserByUsername("alice").getPassword()).isEqualTo("{noop}wonderland");
    }

    @Test
    void nonAdminPathsStayPublic() throws Exception {
        mvc.perform(get("/orders")).andExpect(status().isOk())
                // Untouched by Spring Security: no Cache-Control or other headers added to the public API's answers.
                .andExpect(header().doesNotExist("Cache-Control"))
                .andExpect(header().doesNotExist("X-Frame-Options"));
        mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, basic("alice", "wrong"))).andExpect(status().isOk());
    }

    @Test
    void actuatorIsProtectedExceptHealthWhichShowsDetailsOnlyWhenAuthorized() throws Exception {
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").header(HttpHeaders.AUTHORIZATION, basic("alice", "wonderland")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").exists());
        mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, basic("alice", "wonderland")))
                .andExpect(status().isOk());
    }

    @Test
    void aPathTheFirewallRefusesIsA400ProblemNotAnErrorPage() throws Exception {
        mvc.perform(get("/orders/a;b"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid request path"));
    }

    @Test
    void theHashInThisTestIsBobsPassword() {
        assertThat(new BCryptPasswordEncoder().matches("builder", BOB_HASH)).isTrue();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @SpringBootApplication
    public static class App {

        @RestController
        static class Endpoints {

            @PostMapping("/admin/things")
            String adminAction(java.security.Principal principal) {
                return "done by " + principal.getName();
            }

            @GetMapping("/orders")
            String publicQuery() {
                return "[]";
            }
        }
    }
}
