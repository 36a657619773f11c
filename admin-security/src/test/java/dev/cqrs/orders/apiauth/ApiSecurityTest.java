package dev.cqrs.orders.apiauth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public API's chain with real RS256 tokens checked by Spring Boot's decoder against a public key file. */
@SpringBootTest(properties = {"orders.api.auth.enabled=true", "orders.admin.users=alice:wonderland",
        "spring.security.oauth2.resourceserver.jwt.audiences=orders-api"})
@AutoConfigureMockMvc
class ApiSecurityTest {

    @DynamicPropertySource
    static void key(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestKeys.ISSUER::publicKeyLocation);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    WarmUpTokens warmUpTokens;

    @Test
    void noTokenIs401WithTheBearerChallengeAndAProblem() throws Exception {
        problem(mvc.perform(get("/orders")), 401)
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer realm=\"orders\"")))
                .andExpect(jsonPath("$.detail").value(containsString("./run token")));
        // The challenge points at RFC 9728 metadata (Spring Security's default), which must answer without a token.
        mvc.perform(get("/.well-known/oauth-protected-resource")).andExpect(status().isOk())
                .andExpect(jsonPath("$.resource").exists());
    }

    @Test
    void expiredBadlySignedWrongAudienceAndSubjectlessTokensAre401InvalidToken() throws Exception {
        String expired = TestKeys.ISSUER.token("c-1", "orders:read", "orders-api", Instant.now().minusSeconds(600));
        String stranger = TestKeys.STRANGER.customer("c-1");
        String otherAudience = TestKeys.ISSUER.token("c-1", "orders:read", "billing-api", Instant.now().plusSeconds(600));
        String noSubject = TestKeys.ISSUER.token(null, "orders:read", "orders-api", Instant.now().plusSeconds(600));
        for (String token : new String[] {expired, stranger, otherAudience, noSubject, "not-a-jwt"}) {
            problem(mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)), 401)
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
        }
        problem(mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)), 401)
                .andExpect(jsonPath("$.detail").value(containsString("expired")));
        problem(mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + otherAudience)), 401)
                .andExpect(jsonPath("$.detail").value(containsString("aud")));
    }

    @Test
    void aTokenWithoutTheScopeIs403InsufficientScope() throws Exception {
        String readOnly = TestKeys.ISSUER.token("c-1", "orders:read", "orders-api", Instant.now().plusSeconds(600));
        problem(mvc.perform(post("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + readOnly)), 403)
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"insufficient_scope\"")))
                .andExpect(jsonPath("$.detail").value(containsString("orders:write")));
        String writeOnly = TestKeys.ISSUER.token("c-1", "orders:write", "orders-api", Instant.now().plusSeconds(600));
        problem(mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + writeOnly)), 403)
                .andExpect(jsonPath("$.detail").value(containsString("orders:read")));
        mvc.perform(post("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + writeOnly)).andExpect(status().isOk());
    }

    @Test
    void theCallerIsTheTokensCustomerOrStaff() throws Exception {
        mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestKeys.ISSUER.customer("c-7")))
                .andExpect(status().isOk()).andExpect(content().string("customer c-7"));
        String staff = TestKeys.ISSUER.token("s-1", "orders:read orders:staff", "orders-api", Instant.now().plusSeconds(600));
        mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + staff))
                .andExpect(status().isOk()).andExpect(content().string("staff"));
        mvc.perform(get("/orders").param("customerId", "c-8").header(HttpHeaders.AUTHORIZATION, "Bearer " + staff))
                .andExpect(status().isOk()).andExpect(content().string("staff"));
    }

    @Test
    void aWarmUpGrantReadsAsStaffUntilItIsClosedAndNeverWrites() throws Exception {
        WarmUpTokens.Grant grant = warmUpTokens.grant(Duration.ofSeconds(30));
        String bearer = "Bearer " + grant.token();
        mvc.perform(get("/orders").param("customerId", "c-8").header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isOk()).andExpect(content().string("staff"));
        problem(mvc.perform(post("/orders").header(HttpHeaders.AUTHORIZATION, bearer)), 403);
        mvc.perform(get("/admin/things").header(HttpHeaders.AUTHORIZATION, bearer)).andExpect(status().isUnauthorized());

        grant.close();

        problem(mvc.perform(get("/orders").header(HttpHeaders.AUTHORIZATION, bearer)), 401)
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
    }

    @Test
    void aCustomerNamingAnotherCustomerIsRefused() throws Exception {
        mvc.perform(get("/orders").param("customerId", "c-8")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestKeys.ISSUER.customer("c-7")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theContractIsPublicAndAdminKeepsBasic() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/admin/things")).andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"orders-admin\""));
        // A bearer token is no admin credential.
        mvc.perform(get("/admin/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestKeys.ISSUER.customer("c-7")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/things").header(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6d29uZGVybGFuZA=="))
                .andExpect(status().isOk());
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }

    @SpringBootApplication
    public static class App {

        @RestController
        static class Endpoints {

            @GetMapping("/orders")
            String list(Caller caller, @RequestParam(required = false) String customerId) {
                caller.requireMayActFor(customerId);
                return caller.staff() ? "staff" : "customer " + caller.customerId();
            }

            @PostMapping("/orders")
            String create(Caller caller) {
                return "ok";
            }

            @GetMapping("/v3/api-docs")
            String contract() {
                return "{}";
            }

            @GetMapping("/admin/things")
            String admin() {
                return "admin";
            }
        }
    }
}
