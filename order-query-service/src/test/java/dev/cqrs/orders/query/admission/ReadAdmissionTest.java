package dev.cqrs.orders.query.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadAdmissionTest {

    private final SettableQueue queue = new SettableQueue();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReadAdmission admission = new ReadAdmission(queue, 64, meters);

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
    void pastTheBoundAReadIsRefusedAtOnceWithAProblemAndRetryAfter() throws Exception {
        queue.length = 65;

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
        for (String path : new String[] {"/orders", "/customers/c-1/summary"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            admission.doFilter(get(path), response, new MockFilterChain());
            assertThat(response.getStatus()).as(path).isEqualTo(503);
        }
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
