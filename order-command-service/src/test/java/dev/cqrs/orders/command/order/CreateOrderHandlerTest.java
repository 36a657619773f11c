package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;
import org.junit.jupiter.api.Test;

/** CreateOrder against a fake unit of work. */
class CreateOrderHandlerTest {

    private final FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
    private final UUID id = UUID.randomUUID();
    private final CreateOrderHandler handler = new CreateOrderHandler(unitOfWork, () -> id);

    @Test
    void storesTheOrderAndItsEventInOneCommitAndAnswersOnlyIdAndVersion() {
        OrderRef ref = handler.handle(new CreateOrder("c-9", "USD", List.of(new OrderLine("A", 3, 100), new OrderLine("B", 1, 5))));

        assertThat(ref).isEqualTo(new OrderRef(id, 1));
        assertThat(unitOfWork.commits()).isEqualTo(1);
        Order stored = unitOfWork.stored(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(stored.lines()).hasSize(2);
        assertThat(unitOfWork.committedEvents()).containsExactly(
                new OrderCreated(id, "c-9", "USD", List.of(new LineItem("A", 3, 100), new LineItem("B", 1, 5))));
    }

    @Test
    void aDiscountTravelsInOrderCreatedVersionTwo() {
        handler.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 2, 500)), 250, null));
        OrderCreated created = (OrderCreated) unitOfWork.committedEvents().get(0);
        assertThat(created.discountCents()).isEqualTo(250);
        assertThat(created.totalCents()).isEqualTo(750);
        assertThat(unitOfWork.stored(id).orElseThrow().discountCents()).isEqualTo(250);
        assertThatThrownBy(() -> new CreateOrder("c", "EUR", List.of(new OrderLine("A", 2, 500)), 1001, null))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("discountCents");
    }

    @Test
    void aFailedUnitOfWorkLeavesNoOrderAndNoEvent() {
        CreateOrderHandler clashing = new CreateOrderHandler(unitOfWork, () -> id);
        clashing.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1))));

        assertThatThrownBy(() -> clashing.handle(new CreateOrder("d", "EUR", List.of(new OrderLine("B", 1, 1)))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(unitOfWork.commits()).isEqualTo(1);
        assertThat(unitOfWork.committedEvents()).hasSize(1);
        assertThat(unitOfWork.stored(id).orElseThrow().customerId()).isEqualTo("c");
    }

    @Test
    void theSameIdempotencyKeyWithTheSameRequestAnswersTheFirstOrderAndCreatesNoSecond() {
        UUID[] next = {UUID.randomUUID(), UUID.randomUUID()};
        int[] calls = {0};
        CreateOrderHandler keyed = new CreateOrderHandler(unitOfWork, () -> next[calls[0]++]);
        CreateOrder command = new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1)), "key-1");

        OrderRef first = keyed.handle(command);
        OrderRef retry = keyed.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1)), "key-1"));

        assertThat(retry).isEqualTo(first);
        assertThat(unitOfWork.storedOrders()).isEqualTo(1);
        assertThat(unitOfWork.committedEvents()).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIsRefusedAndCreatesNothing() {
        CreateOrderHandler keyed = new CreateOrderHandler(unitOfWork, UUID::randomUUID);
        keyed.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1)), "key-2"));

        assertThatThrownBy(() -> keyed.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 2, 1)), "key-2")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(unitOfWork.storedOrders()).isEqualTo(1);
        assertThat(unitOfWork.committedEvents()).hasSize(1);
    }

    @Test
    void differentKeysCreateDifferentOrders() {
        CreateOrderHandler keyed = new CreateOrderHandler(unitOfWork, UUID::randomUUID);
        OrderRef a = keyed.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1)), "key-a"));
        OrderRef b = keyed.handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1)), "key-b"));
        assertThat(a.orderId()).isNotEqualTo(b.orderId());
        assertThat(unitOfWork.storedOrders()).isEqualTo(2);
    }
}
