package dev.cqrs.orders.query.orderlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.problems.BadQueryException;
import org.junit.jupiter.api.Test;

class ListOrdersTest {

    @Test
    void everyParameterIsOptional() {
        assertThat(ListOrders.fromRequest(null, null, null, null))
                .isEqualTo(new ListOrders(null, null, ListOrders.DEFAULT_LIMIT, null));
        assertThat(ListOrders.fromRequest(" ", "", null, "")).isEqualTo(new ListOrders(null, null, 20, null));
    }

    @Test
    void statusIsCaseInsensitiveAndAnUnknownOneIsABadQuery() {
        assertThat(ListOrders.fromRequest(null, "shipped", null, null).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThatThrownBy(() -> ListOrders.fromRequest(null, "LOST", null, null))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("CONFIRMED");
    }

    @Test
    void limitAboveTheMaximumIsClampedAndBelowOneRefused() {
        assertThat(ListOrders.fromRequest(null, null, 1000, null).limit()).isEqualTo(ListOrders.MAX_LIMIT);
        assertThat(ListOrders.fromRequest(null, null, 1, null).limit()).isEqualTo(1);
        assertThatThrownBy(() -> ListOrders.fromRequest(null, null, 0, null)).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> ListOrders.fromRequest(null, null, -5, null)).isInstanceOf(BadQueryException.class);
    }

    @Test
    void anOverlongCustomerIdIsABadQuery() {
        assertThatThrownBy(() -> ListOrders.fromRequest("x".repeat(65), null, null, null))
                .isInstanceOf(BadQueryException.class);
    }

    @Test
    void cursorsRoundTripAndForeignOnesAreBadQueries() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-01-02T03:04:05.678Z"), UUID.randomUUID().toString());

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
        for (String foreign : new String[] {"not base64!", "djF8YWJjfGRlZg", "eyJhIjoxfQ", "djJ8MXw0Mg"}) {
            assertThatThrownBy(() -> PageCursor.decode(foreign)).as(foreign).isInstanceOf(BadQueryException.class);
        }
    }
}
