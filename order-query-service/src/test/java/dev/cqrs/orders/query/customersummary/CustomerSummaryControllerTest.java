package dev.cqrs.orders.query.customersummary;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(CustomerSummaryController.class)
class CustomerSummaryControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    GetCustomerSummaryHandler handler;

    @Test
    void answersCountsByStatusTotalsPerCurrencyAndTheLastOrderTime() throws Exception {
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        byStatus.put(OrderStatus.CREATED, 1L);
        byStatus.put(OrderStatus.CONFIRMED, 0L);
        byStatus.put(OrderStatus.SHIPPED, 2L);
        byStatus.put(OrderStatus.CANCELLED, 1L);
        Map<String, Long> totals = new TreeMap<>(Map.of("EUR", 2500L, "USD", 0L));
        given(handler.handle(new GetCustomerSummary("c-42"))).willReturn(Optional.of(new CustomerSummary("c-42", 4,
                byStatus, totals, Instant.parse("2025-03-01T10:00:00.125Z"))));

        mvc.perform(get("/customers/{id}/summary", "c-42"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("c-42"))
                .andExpect(jsonPath("$.orderCount").value(4))
                .andExpect(jsonPath("$.ordersByStatus.SHIPPED").value(2))
                .andExpect(jsonPath("$.ordersByStatus.CONFIRMED").value(0))
                .andExpect(jsonPath("$.lifetimeTotalCents.EUR").value(2500))
                .andExpect(jsonPath("$.lastOrderAt").value("2025-03-01T10:00:00.125Z"))
                .andExpect(jsonPath("$.orders").doesNotExist());
    }

    @Test
    void aCustomerWithoutOrdersIsANotFoundProblem() throws Exception {
        given(handler.handle(any())).willReturn(Optional.empty());

        mvc.perform(get("/customers/{id}/summary", "nobody"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("nobody")));
    }

    @Test
    void anOverlongCustomerIdIsABadRequestProblem() throws Exception {
        mvc.perform(get("/customers/{id}/summary", "x".repeat(65)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(handler);
    }
}
