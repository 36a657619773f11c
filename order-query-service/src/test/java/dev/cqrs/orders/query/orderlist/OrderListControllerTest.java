package dev.cqrs.orders.query.orderlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import io.swagger.v3.core.converter.ModelConverters;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(OrderListController.class)
class OrderListControllerTest {

    private static final Instant CREATED = Instant.parse("2025-04-01T08:30:00.250Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ListOrdersHandler handler;

    @Test
    void answersAPageWithItsNextCursor() throws Exception {
        UUID order = UUID.randomUUID();
        given(handler.handle(any())).willReturn(new OrderPage(List.of(
                new OrderListItem(order, "c-1", OrderStatus.CREATED, 1234, "EUR", 2, CREATED, CREATED, 1)), "abc"));

        mvc.perform(get("/orders"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.items[0].orderId").value(order.toString()))
                .andExpect(jsonPath("$.items[0].itemCount").value(2))
                .andExpect(jsonPath("$.items[0].createdAt").value("2025-04-01T08:30:00.250Z"))
                .andExpect(jsonPath("$.next").value("abc"));
        verify(handler).handle(new ListOrders(null, null, ListOrders.DEFAULT_LIMIT, null));
    }

    @Test
    void theLastPageHasANullNext() throws Exception {
        given(handler.handle(any())).willReturn(new OrderPage(List.of(), null));

        mvc.perform(get("/orders").param("customerId", "nobody"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.next").hasJsonPath())
                .andExpect(jsonPath("$.next").value(nullValue()));
    }

    @Test
    void passesFiltersAndCursorAndClampsTheLimit() throws Exception {
        given(handler.handle(any())).willReturn(new OrderPage(List.of(), null));
        PageCursor cursor = new PageCursor(CREATED, UUID.randomUUID().toString());

        mvc.perform(get("/orders").param("customerId", "c-9").param("status", "confirmed")
                        .param("limit", "500").param("after", cursor.encode()))
                .andExpect(status().isOk());

        ArgumentCaptor<ListOrders> query = ArgumentCaptor.forClass(ListOrders.class);
        verify(handler).handle(query.capture());
        assertThat(query.getValue()).isEqualTo(new ListOrders("c-9", OrderStatus.CONFIRMED, 100, cursor));
    }

    @Test
    void anUnknownStatusIsABadRequestProblem() throws Exception {
        expectBadRequest("status", "DELIVERED");
    }

    @Test
    void aMalformedCursorIsABadRequestProblem() throws Exception {
        expectBadRequest("after", "bm90LWEtY3Vyc29y");
    }

    @Test
    void aLimitBelowOneIsABadRequestProblem() throws Exception {
        expectBadRequest("limit", "0");
    }

    @Test
    void aNonNumericLimitIsABadRequestProblem() throws Exception {
        expectBadRequest("limit", "ten");
    }

    private void expectBadRequest(String parameter, String value) throws Exception {
        mvc.perform(get("/orders").param(parameter, value))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
        verifyNoInteractions(handler);
    }

    /** The item's class is named for the order list; its schema keeps the name the published description gives it. */
    @Test
    void theListItemKeepsItsPublishedSchemaName() {
        assertThat(ModelConverters.getInstance().readAll(OrderPage.class)).containsKey("OrderSummary")
                .doesNotContainKey("OrderListItem");
    }
}
