package dev.cqrs.orders.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdmissionControlTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AdmissionControl admission = new AdmissionControl(1, Duration.ZERO, meters);

    private static MockHttpServletRequest post(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }

    /** A command in progress on another thread, holding the only place until it is released. */
    private record Held(CountDownLatch release, CompletableFuture<MockHttpServletResponse> response) {

        int releaseAndGetStatus() throws Exception {
            release.countDown();
            return response.get(10, TimeUnit.SECONDS).getStatus();
        }
    }

    private Held holdThePlace() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain blocking = (request, response) -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<MockHttpServletResponse> response = CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse answer = new MockHttpServletResponse();
            try {
                admission.doFilter(post("/orders"), answer, blocking);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return answer;
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first command got its place").isTrue();
        return new Held(release, response);
    }

    private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        admission.doFilter(request, response, chain);
        return response;
    }

    @Test
    void pastTheBoundACommandGets503ProblemWithRetryAfterAndIsCounted() throws Exception {
        Held first = holdThePlace();

        MockHttpServletResponse refused = send(post("/orders/0b7c6f0e-3f0d-4a44-9a57-2c1a1d2f5e10/confirm"));

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"type\":\"/problems/overloaded\"", "\"status\":503");
        assertThat(meters.get("orders.commands.shed").counter().count()).isEqualTo(1);
        assertThat(meters.get("orders.commands.in_progress").gauge().value()).isEqualTo(1);

        assertThat(first.releaseAndGetStatus()).isEqualTo(200);
        assertThat(meters.get("orders.commands.in_progress").gauge().value()).isZero();
        assertThat(send(post("/orders")).getStatus()).as("the place is free again").isEqualTo(200);
    }

    @Test
    void probesAndOperatorsAreNeverRefused() throws Exception {
        Held first = holdThePlace();
        try {
            for (String path : new String[] {"/actuator/health/readiness", "/admin/relay", "/v3/api-docs", "/ordersx"}) {
                assertThat(send(post(path)).getStatus()).as(path).isEqualTo(200);
            }
            assertThat(meters.get("orders.commands.shed").counter().count()).isZero();
        } finally {
            assertThat(first.releaseAndGetStatus()).isEqualTo(200);
        }
    }

    @Test
    void aFailingCommandGivesItsPlaceBack() throws Exception {
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("the handler failed");
        };
        assertThatThrownBy(() -> admission.doFilter(post("/orders"), new MockHttpServletResponse(), failing))
                .hasMessage("the handler failed");
        assertThat(send(post("/orders")).getStatus()).isEqualTo(200);
    }

    @Test
    void refusesABoundOfZero() {
        assertThatThrownBy(() -> new AdmissionControl(0, Duration.ZERO, meters))
                .hasMessageContaining("max-commands-in-progress");
    }
}
