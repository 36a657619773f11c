package dev.cqrs.orders.query.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadAdmissionTest {

    private final SettableQueue queue = new SettableQueue();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private static final String ORDER = "/orders/8d3c1a52-0000-4000-8000-000000000003";

    private final AtomicLong nanos = new AtomicLong();
    private final ReadAdmission admission = new ReadAdmission(queue, 64, Duration.ofMillis(250), nanos::get, meters);

    @Test
    void aReadIsAdmittedWhileTheQueueIsWithinItsBound() throws Exception {
        queue.length = 64;

        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        admission.doFilter(get("/orders/8d3c1a52-0000-4000-8000-000000000001"), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aBurstPastTheBoundIsAdmittedUntilItHasLastedShedAfter() throws Exception {
        queue.length = 65;
        assertThat(status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"))).as("the burst's first read").isEqualTo(200);
        nanos.addAndGet(Duration.ofMillis(249).toNanos());
        assertThat(status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"))).as("249 ms into it").isEqualTo(200);

        queue.length = 64; // drained: the next time past the bound starts a new burst
        assertThat(status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"))).isEqualTo(200);
        queue.length = 65;
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"))).as("a new burst").isEqualTo(200);
        nanos.addAndGet(Duration.ofMillis(249).toNanos());
        assertThat(status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"))).as("249 ms into it").isEqualTo(200);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"))).as("250 ms: standing").isEqualTo(503);
        assertThat(meters.get("orders.reads.shed").counter().count()).isEqualTo(1);
    }

    @Test
    void anOverloadEndsOnlyOnceTheQueueHasStayedWithinTheBoundForASecond() throws Exception {
        queue.length = 65;
        status(get(ORDER));
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(status(get(ORDER))).as("overloaded").isEqualTo(503);

        queue.length = 10; // the refusals drained it
        assertThat(status(get(ORDER))).isEqualTo(200);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(status(get(ORDER))).isEqualTo(200);
        queue.length = 65;
        assertThat(status(get(ORDER))).as("past the bound again within the second: no new grace").isEqualTo(503);

        queue.length = 10;
        status(get(ORDER));
        nanos.addAndGet(ReadAdmission.CALM.toNanos());
        assertThat(status(get(ORDER))).as("a second within the bound").isEqualTo(200);
        queue.length = 65;
        assertThat(status(get(ORDER))).as("a new excursion has its grace again").isEqualTo(200);
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(status(get(ORDER))).isEqualTo(503);
    }

    @Test
    void pastTheBoundForShedAfterAReadIsRefusedAtOnceWithAProblemAndRetryAfter() throws Exception {
        queue.length = 65;
        status(get("/orders/8d3c1a52-0000-4000-8000-000000000002"));
        nanos.addAndGet(Duration.ofMillis(250).toNanos());

        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        admission.doFilter(get("/orders/8d3c1a52-0000-4000-8000-000000000001"), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":503", "65 requests wait");
        assertThat(meters.get("orders.reads.shed").counter().count()).isEqualTo(1);
        assertThat(meters.get("orders.http.queued").gauge().value()).isEqualTo(65);
    }

    @Test
    void probesOperatorsAndTheAnswersOfWaitingReadersAreNeverRefused() throws Exception {
        queue.length = 1_000;

        for (String path : new String[] {"/actuator/health/readiness", "/admin/read-models", "/v3/api-docs"}) {
            MockFilterChain chain = new MockFilterChain();
            admission.doFilter(get(path), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
        MockHttpServletRequest answer = get("/orders/8d3c1a52-0000-4000-8000-000000000001");
        answer.setDispatcherType(DispatcherType.ASYNC);
        MockFilterChain chain = new MockFilterChain();
        admission.doFilter(answer, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).as("async dispatch of a waiting reader's answer").isNotNull();
    }

    @Test
    void listsAndSummariesAreReadsToo() throws Exception {
        queue.length = 65;
        status(get("/orders/8d3c1a52-0000-4000-8000-000000000001"));
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        for (String path : new String[] {"/orders", "/customers/c-1/summary"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            admission.doFilter(get(path), response, new MockFilterChain());
            assertThat(response.getStatus()).as(path).isEqualTo(503);
        }
    }

    private int status(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        admission.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    private static MockHttpServletRequest get(String path) {
        return new MockHttpServletRequest("GET", path);
    }

    private static final class SettableQueue extends TomcatQueue {
        volatile int length;

        @Override
        int length() {
            return length;
        }
    }
}
