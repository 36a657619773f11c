package dev.cqrs.orders.query.orderview;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.MongoTimeoutException;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The order endpoint with the real read-your-writes waiting behind it; only the read model is mocked. Re-checks are
 * slowed to 10 s here, so that a wait can only end by the listener's signal or by the deadline.
 */
@WebMvcTest(controllers = OrderViewController.class, properties = {
        "orders.query.read-your-writes.recheck-interval=10s",
        "orders.query.read-your-writes.recheck-max-interval=10s",
        "orders.query.read-your-writes.max-wait=300ms",
        "orders.query.read-your-writes.default-wait=100ms"})
@Import(OrderViewControllerTest.Waiting.class)
class OrderViewControllerTest {

    private static final UUID ORDER = UUID.fromString("7d0f5c1e-2b43-4a8e-9f0e-1c2d3e4f5a6b");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    GetOrderHandler handler;

    @Autowired
    OrderVersionWaiters waiters;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReadYourWritesProperties.class)
    static class Waiting {

        @Bean(destroyMethod = "close")
        OrderVersionWaiters orderVersionWaiters(GetOrderHandler handler, ReadYourWritesProperties properties) {
            return OrderVersionWaiters.create(handler, properties, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        }
    }

    @Test
    void answersTheViewWithItsVersionAsETag() throws Exception {
        given(handler.handle(new GetOrder(ORDER))).willReturn(Optional.of(view()));

        mvc.perform(get("/orders/{id}", ORDER))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                .andExpect(jsonPath("$.orderId").value(ORDER.toString()))
                .andExpect(jsonPath("$.status").value("SHIPPED"))
                .andExpect(jsonPath("$.items[0].lineTotalCents").value(500))
                .andExpect(jsonPath("$.totalCents").value(500))
                .andExpect(jsonPath("$.createdAt").value("2025-03-01T10:00:00.125Z"))
                .andExpect(jsonPath("$.version").value(3))
                .andExpect(jsonPath("$.appliedEventIds").doesNotExist());
    }

    @Test
    void aMatchingIfNoneMatchIsNotModified() throws Exception {
        given(handler.handle(new GetOrder(ORDER))).willReturn(Optional.of(view()));

        mvc.perform(get("/orders/{id}", ORDER).header(HttpHeaders.IF_NONE_MATCH, "\"3\""))
                .andExpect(status().isNotModified());
    }

    @Test
    void anUnknownOrderIsANotFoundProblem() throws Exception {
        given(handler.handle(any())).willReturn(Optional.empty());

        mvc.perform(get("/orders/{id}", ORDER).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Order not found"))
                .andExpect(jsonPath("$.detail").value(containsString(ORDER.toString())))
                .andExpect(jsonPath("$.instance").value("/orders/" + ORDER));
    }

    @Test
    void anInvalidIdIsABadRequestProblem() throws Exception {
        mvc.perform(get("/orders/{id}", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString("orderId")));
    }

    @Test
    void anUnreachableStoreAtTheFirstReadOfAWaitIsAServiceUnavailableProblemAtOnce() throws Exception {
        given(handler.handleAll(any())).willThrow(new MongoTimeoutException("no server"));

        MvcResult started = mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "1").param("waitMs", "5000"))
                .andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        // The reading thread completes the answer before it releases the waiter, so the count may drop just after.
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.waiting() == 0);
    }

    @Test
    void anUnreachableStoreIsAServiceUnavailableProblem() throws Exception {
        given(handler.handle(any())).willThrow(new MongoTimeoutException("no server"));

        mvc.perform(get("/orders/{id}", ORDER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws Exception {
        mvc.perform(get("/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aMinVersionTheViewHasAlreadyIsAnsweredAtOnceAndNotStale() throws Exception {
        given(handler.handleAll(List.of(ORDER))).willReturn(Map.of(ORDER, view()));

        MvcResult started = mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "2").param("waitMs", "5000"))
                .andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                .andExpect(header().string("X-Read-Model-Version", "3"))
                .andExpect(header().string("X-Read-Model-Stale", "false"))
                .andExpect(jsonPath("$.version").value(3));
    }

    @Test
    void aMinVersionAheadOfTheViewIsAnsweredWhenTheListenerAppliesIt() throws Exception {
        given(handler.handleAll(List.of(ORDER))).willReturn(Map.of(ORDER, view(2)));
        MvcResult started = mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "3").param("waitMs", "5000"))
                .andExpect(request().asyncStarted()).andReturn();
        assertThat(waiters.waiting()).isEqualTo(1);

        given(handler.handleAll(List.of(ORDER))).willReturn(Map.of(ORDER, view(3)));
        waiters.applied(ORDER, 3);

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Read-Model-Stale", "false"))
                .andExpect(jsonPath("$.version").value(3));
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.waiting() == 0);
    }

    @Test
    void whenTheWaitRunsOutTheAnswerIsTheViewItHasMarkedStale() throws Exception {
        given(handler.handleAll(List.of(ORDER))).willReturn(Map.of(ORDER, view(2)));

        MvcResult started = mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "3").param("waitMs", "300"))
                .andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
                .andExpect(header().string("X-Read-Model-Version", "2"))
                .andExpect(header().string("X-Read-Model-Stale", "true"))
                .andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void anOrderStillMissingWhenTheWaitRunsOutIsANotFoundProblemSayingSo() throws Exception {
        given(handler.handleAll(any())).willReturn(Map.of());

        MvcResult started = mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "1"))
                .andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("X-Read-Model-Version", "0"))
                .andExpect(header().string("X-Read-Model-Stale", "true"))
                .andExpect(jsonPath("$.minVersion").value(1))
                .andExpect(jsonPath("$.currentVersion").value(0))
                .andExpect(jsonPath("$.waitedMs").isNumber());
    }

    @Test
    void aWaitAboveTheServerCapIsCutToTheCap() throws Exception {
        given(handler.handleAll(List.of(ORDER))).willReturn(Map.of(ORDER, view(2)));
        long start = System.nanoTime();

        MvcResult started = mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "3").param("waitMs", "600000"))
                .andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(header().string("X-Read-Model-Stale", "true"));

        // The cap is 300 ms here; the 10-minute wait asked for would have hit the servlet's async timeout instead.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
    }

    @Test
    void aMinVersionBelowOneOrANegativeWaitIsABadRequestProblem() throws Exception {
        mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("minVersion")));
        mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "1").param("waitMs", "-5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("waitMs")));
        mvc.perform(get("/orders/{id}", ORDER).param("minVersion", "soon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("minVersion")));
    }

    private static OrderView view() {
        return view(3);
    }

    private static OrderView view(long version) {
        Instant created = Instant.parse("2025-03-01T10:00:00.125Z");
        return new OrderView(ORDER, "c-1", OrderStatus.SHIPPED, List.of(new OrderViewItem("SKU-1", 2, 250, 500)), 0, 500,
                "EUR", version, created, created.plusSeconds(60), null);
    }
}
