package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Each record refuses to exist in a state the contract forbids. */
class EventInvariantsTest {

    static final UUID ORDER = UUID.randomUUID();
    static final List<LineItem> ITEMS = List.of(new LineItem("SKU-1", 1, 100));

    @Test
    void anOrderHasAtLeastOneItem() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCreated(ORDER, "c", "EUR", List.of()))
                .withMessageContaining("at least one item");
    }

    @Test
    void quantitiesArePositiveAndPricesNotNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LineItem("SKU", 0, 1)).withMessageContaining("quantity");
        assertThatIllegalArgumentException().isThrownBy(() -> new LineItem("SKU", 1, -1)).withMessageContaining("unitPriceCents");
        assertThatIllegalArgumentException().isThrownBy(() -> new LineItem(" ", 1, 1)).withMessageContaining("sku");
    }

    @Test
    void theCurrencyIsAnIso4217Code() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCreated(ORDER, "c", "XYZ", ITEMS))
                .withMessageContaining("ISO 4217");
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCreated(ORDER, "c", "eur", ITEMS));
        assertThat(new OrderCreated(ORDER, "c", "JPY", ITEMS).currency()).isEqualTo("JPY");
    }

    @Test
    void itemsAreCopiedSoTheEventStaysImmutable() {
        List<LineItem> items = new ArrayList<>(ITEMS);
        OrderCreated created = new OrderCreated(ORDER, "c", "EUR", items);
        items.add(new LineItem("SKU-2", 1, 1));
        assertThat(created.items()).hasSize(1);
        assertThatThrownBy(() -> created.items().add(new LineItem("x", 1, 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theTotalIsTheSumOfLinesAndNeverWrapsAround() {
        OrderCreated created = new OrderCreated(ORDER, "c", "EUR",
                List.of(new LineItem("A", 3, 250), new LineItem("B", 2, 1000)));
        assertThat(created.totalCents()).isEqualTo(2750);
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCreated(ORDER, "c", "EUR",
                List.of(new LineItem("A", Integer.MAX_VALUE, Long.MAX_VALUE / 2)))).withMessageContaining("64 bits");
    }

    @Test
    void aDiscountIsNeitherNegativeNorMoreThanTheGrossTotal() {
        List<LineItem> items = List.of(new LineItem("A", 2, 500));
        assertThat(new OrderCreated(ORDER, "c", "EUR", items, 300).totalCents()).isEqualTo(700);
        assertThat(new OrderCreated(ORDER, "c", "EUR", items, 1000).totalCents()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCreated(ORDER, "c", "EUR", items, -1))
                .withMessageContaining("discountCents");
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCreated(ORDER, "c", "EUR", items, 1001))
                .withMessageContaining("exceeds");
    }

    @Test
    void aCancellationHasAReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCancelled(ORDER, "")).withMessageContaining("reason");
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderCancelled(ORDER, null)).withMessageContaining("reason");
    }

    @Test
    void theEnvelopeAgreesWithItsEvent() {
        Instant now = Instant.now();
        assertThatIllegalArgumentException().isThrownBy(() -> EventEnvelope.of(UUID.randomUUID(), 2, now,
                new OrderCreated(ORDER, "c", "EUR", ITEMS))).withMessageContaining("version 1");
        assertThatIllegalArgumentException().isThrownBy(() -> EventEnvelope.of(UUID.randomUUID(), 1, now,
                new OrderConfirmed(ORDER))).withMessageContaining("version 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "OrderShipped", 1,
                ORDER, 3, now, new OrderConfirmed(ORDER))).withMessageContaining("does not match");
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "OrderConfirmed", 1,
                UUID.randomUUID(), 2, now, new OrderConfirmed(ORDER))).withMessageContaining("differs");
    }
}
