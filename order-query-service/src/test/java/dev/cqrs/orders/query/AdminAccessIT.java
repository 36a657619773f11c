package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operator endpoint refuses anonymous callers and wrong passwords, and lets an operator of ADMIN_USERS in. The
 * endpoints are read from the request mappings, so one added later is covered without touching this test.
 */
@ExtendWith(LocalNodes.class)
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "management.prometheus.metrics.export.enabled=true"})
@AutoConfigureMockMvc
@DirtiesContext
class AdminAccessIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PathMappedEndpoints actuatorEndpoints;

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
    }

    /** A method and a concrete path of one operator endpoint. */
    record Probe(HttpMethod method, String path) {

        MockHttpServletRequestBuilder request() {
            return MockMvcRequestBuilders.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One probe per path and method of every mapping under /admin, path variables filled with a value no entity has. */
    private List<Probe> adminRequests() {
        List<Probe> requests = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/admin")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/1").replace("/*", "/1");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    requests.add(new Probe(HttpMethod.valueOf(method.name()), path));
                }
            }
        }
        return requests;
    }

    @Test
    void theMappingsFoundIncludeTheKnownOperatorEndpoints() {
        Set<String> paths = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> paths.addAll(info.getPatternValues()));
        assertThat(paths).contains("/admin/dead-letters", "/admin/dead-letters/{id}/replay",
                "/admin/dead-letters/{id}/discard", "/admin/dead-letters/replay", "/admin/rebuilds/{readModel}",
                "/admin/read-models");
        assertThat(adminRequests()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyAdminEndpointRefusesAnonymousCallersWithProblemJsonAndABasicChallenge() throws Exception {
        for (Probe probe : adminRequests()) {
            MvcResult result = mvc.perform(probe.request())
                    .andExpect(answer -> assertThat(answer.getResponse().getStatus()).as("anonymous %s", probe).isEqualTo(401))
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"orders-admin\""))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Unauthorized"))
                    .andExpect(jsonPath("$.status").value(401))
                    .andReturn();
            assertThat(result.getResponse().getContentAsString()).contains("ADMIN_USERS");
        }
    }

    @Test
    void everyAdminEndpointRefusesAWrongPasswordAndAnUnknownUser() throws Exception {
        for (Probe probe : adminRequests()) {
            mvc.perform(probe.request().with(httpBasic(Operators.USER, "not-the-password"))).andExpect(status().isUnauthorized());
        }
        for (Probe probe : adminRequests()) {
            mvc.perform(probe.request().with(httpBasic("intruder", Operators.PASSWORD))).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void everyAdminEndpointLetsEitherOperatorIn() throws Exception {
        for (Probe probe : adminRequests()) {
            int first = mvc.perform(probe.request().with(Operators.operator())).andReturn().getResponse().getStatus();
            assertThat(first).as("%s as %s", probe, Operators.USER).isNotIn(401, 403);
        }
        for (Probe probe : adminRequests()) {
            int second = mvc.perform(probe.request().with(Operators.secondOperator())).andReturn().getResponse().getStatus();
            assertThat(second).as("%s as %s", probe, Operators.SECOND_USER).isNotIn(401, 403);
        }
    }

    @Test
    void everyActuatorEndpointButHealthNeedsAnOperator() throws Exception {
        Set<String> roots = new TreeSet<>(actuatorEndpoints.getAllPaths());
        assertThat(roots).contains("/actuator/prometheus", "/actuator/metrics", "/actuator/health");
        roots.add("/actuator");
        roots.add("/actuator/health/mongo");
        roots.remove("/actuator/health");
        for (String path : roots) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get(path).with(httpBasic(Operators.USER, "wrong"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/actuator/prometheus").with(Operators.operator())).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(Operators.secondOperator())).andExpect(status().isOk());
    }

    @Test
    void healthShowsOnlyTheStatusToAnonymousCallersAndDetailsToOperators() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").exists())
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(jsonPath("$.details").doesNotExist());
        mvc.perform(get("/actuator/health").with(Operators.operator())).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.mongo.status").value("UP"))
                .andExpect(jsonPath("$.components.mongo.details").exists());
    }

    @Test
    void theQueryApiStaysPublic() throws Exception {
        mvc.perform(get("/orders/{id}", "6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d")).andExpect(status().isNotFound());
    }
}
