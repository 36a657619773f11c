package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The aggregate's state machine and versioning, with no infrastructure at all. */
class OrderTest {

    static final CreateOrder CREATE = new CreateOrder("c-1", "EUR", List.of(new OrderLine("SKU", 2, 500)));

    @Test
    void aNewOrderIsCreatedAtVersionOneWithItsEvent() {
        UUID id = UUID.randomUUID();
        Order order = Order.create(id, CREATE);
        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.pendingEvents()).containsExactly(new Order.PendingEvent(1,
                new OrderCreated(id, "c-1", "EUR", List.of(new dev.cqrs.orders.events.LineItem("SKU", 2, 500)))));
    }

    @Test
    void theHappyPathRaisesTheVersionByOnePerEvent() {
        Order order = Order.create(UUID.randomUUID(), CREATE);
        order.confirm();
        order.ship();
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.version()).isEqualTo(3);
        assertThat(order.pendingEvents()).extracting(Order.PendingEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(order.pendingEvents().get(1).event()).isInstanceOf(OrderConfirmed.class);
        assertThat(order.pendingEvents().get(2).event()).isInstanceOf(OrderShipped.class);
    }

    @Test
    void cancellingKeepsTheReason() {
        Order order = Order.create(UUID.randomUUID(), CREATE);
        order.confirm();
        order.cancel("out of stock");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo("out of stock");
        assertThat(order.pendingEvents().get(2).event()).isEqualTo(new OrderCancelled(order.id(), "out of stock"));
    }

    static Stream<Arguments> refusedTransitions() {
        Consumer<Order> confirm = Order::confirm;
        Consumer<Order> ship = Order::ship;
        Consumer<Order> cancel = o -> o.cancel("r");
        return Stream.of(
                Arguments.of("ship a created order", List.<Consumer<Order>>of(), ship),
                Arguments.of("confirm twice", List.of(confirm), confirm),
                Arguments.of("cancel a shipped order", List.of(confirm, ship), cancel),
                Arguments.of("confirm a cancelled order", List.of(cancel), confirm),
                Arguments.of("ship a cancelled order", List.of(confirm, cancel), ship),
                Arguments.of("cancel twice", List.of(cancel), cancel),
                Arguments.of("ship twice", List.of(confirm, ship), ship));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTransitions")
    void refusesEveryOtherTransitionAndChangesNothing(String name, List<Consumer<Order>> before, Consumer<Order> refused) {
        Order order = Order.create(UUID.randomUUID(), CREATE);
        before.forEach(step -> step.accept(order));
        OrderStatus status = order.status();
        long version = order.version();
        int events = order.pendingEvents().size();
        assertThatThrownBy(() -> refused.accept(order)).isInstanceOf(IllegalTransitionException.class);
        assertThat(order.status()).isEqualTo(status);
        assertThat(order.version()).isEqualTo(version);
        assertThat(order.pendingEvents()).hasSize(events);
    }

    @Test
    void commandsRefuseInvalidInput() {
        assertThatThrownBy(() -> new CreateOrder("c", "EUR", List.of())).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("at least one item");
        assertThatThrownBy(() -> new CreateOrder(" ", "EUR", CREATE.lines())).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> new CreateOrder("c", "ABC", CREATE.lines())).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> new OrderLine("S", 0, 1)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> new OrderLine("S", 1_000_001, 1)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> new OrderLine("S", 1, -1)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> new CancelOrder(UUID.randomUUID(), "")).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> new ConfirmOrder(null)).isInstanceOf(InvalidCommandException.class);
    }
}
