package dev.cqrs.orders.query.orderview;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.MongoTimeoutException;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(OrderViewController.class)
class OrderViewControllerTest {

    private static final UUID ORDER = UUID.fromString("7d0f5c1e-2b43-4a8e-9f0e-1c2d3e4f5a6b");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    GetOrderHandler handler;

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

    private static OrderView view() {
        Instant created = Instant.parse("2025-03-01T10:00:00.125Z");
        return new OrderView(ORDER, "c-1", OrderStatus.SHIPPED, List.of(new OrderViewItem("SKU-1", 2, 250, 500)), 500,
                "EUR", 3, created, created.plusSeconds(60), null);
    }
}
