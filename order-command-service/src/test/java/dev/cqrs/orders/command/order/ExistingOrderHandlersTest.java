package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderShipped;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ConfirmOrder, ShipOrder and CancelOrder against a fake unit of work. */
class ExistingOrderHandlersTest {

    private final FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
    private final ConfirmOrderHandler confirm = new ConfirmOrderHandler(unitOfWork);
    private final ShipOrderHandler ship = new ShipOrderHandler(unitOfWork);
    private final CancelOrderHandler cancel = new CancelOrderHandler(unitOfWork);
    private UUID id;

    @BeforeEach
    void anOrderExists() {
        id = UUID.randomUUID();
        new CreateOrderHandler(unitOfWork, () -> id).handle(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 10))));
    }

    @Nested
    class ConfirmOrderHandlerTest {

        @Test
        void confirmsAndRecordsOrderConfirmedAtVersionTwo() {
            assertThat(confirm.handle(new ConfirmOrder(id))).isEqualTo(new OrderRef(id, 2));
            assertThat(unitOfWork.stored(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(unitOfWork.committedPendingEvents().get(1)).isEqualTo(new Order.PendingEvent(2, new OrderConfirmed(id)));
        }

        @Test
        void anUnknownOrderIsNotFound() {
            assertThatThrownBy(() -> confirm.handle(new ConfirmOrder(UUID.randomUUID()))).isInstanceOf(OrderNotFoundException.class);
        }

        @Test
        void aConcurrentChangeIsAConflictAndCommitsNothing() {
            unitOfWork.onNextUpdate(() -> unitOfWork.bumpStoredVersion(id));
            assertThatThrownBy(() -> confirm.handle(new ConfirmOrder(id))).isInstanceOf(ConcurrencyConflictException.class);
            assertThat(unitOfWork.committedEvents()).hasSize(1);
        }
    }

    @Nested
    class ShipOrderHandlerTest {

        @Test
        void shipsAConfirmedOrder() {
            confirm.handle(new ConfirmOrder(id));
            assertThat(ship.handle(new ShipOrder(id))).isEqualTo(new OrderRef(id, 3));
            assertThat(unitOfWork.committedEvents()).last().isEqualTo(new OrderShipped(id));
        }

        @Test
        void refusesToShipAnUnconfirmedOrderAndCommitsNothing() {
            assertThatThrownBy(() -> ship.handle(new ShipOrder(id))).isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("CREATED");
            assertThat(unitOfWork.commits()).isEqualTo(1);
            assertThat(unitOfWork.stored(id).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Nested
    class CancelOrderHandlerTest {

        @Test
        void cancelsWithTheReason() {
            assertThat(cancel.handle(new CancelOrder(id, "changed my mind"))).isEqualTo(new OrderRef(id, 2));
            Order stored = unitOfWork.stored(id).orElseThrow();
            assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(stored.cancellationReason()).isEqualTo("changed my mind");
            assertThat(unitOfWork.committedEvents()).last().isEqualTo(new OrderCancelled(id, "changed my mind"));
        }

        @Test
        void refusesToCancelAShippedOrder() {
            confirm.handle(new ConfirmOrder(id));
            ship.handle(new ShipOrder(id));
            assertThatThrownBy(() -> cancel.handle(new CancelOrder(id, "too late"))).isInstanceOf(IllegalTransitionException.class);
            assertThat(unitOfWork.stored(id).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        }
    }

    @Nested
    class ExpectedVersionTest {

        @Test
        void aTransitionAtTheExpectedVersionGoesThrough() {
            assertThat(confirm.handle(new ConfirmOrder(id, ExpectedVersion.oneOf(Set.of(1L))))).isEqualTo(new OrderRef(id, 2));
        }

        @Test
        void anOrderThatMovedOnIsRefusedWithItsCurrentVersionAndNothingIsCommitted() {
            confirm.handle(new ConfirmOrder(id));
            assertThatThrownBy(() -> cancel.handle(new CancelOrder(id, "stale", ExpectedVersion.oneOf(Set.of(1L)))))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.currentVersion()).hasValue(2));
            assertThat(unitOfWork.stored(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(unitOfWork.committedEvents()).hasSize(2);
        }

        @Test
        void aPreconditionThatLosesTheRaceToAConcurrentCommandFailsAsAPrecondition() {
            unitOfWork.onNextUpdate(() -> unitOfWork.bumpStoredVersion(id));
            assertThatThrownBy(() -> confirm.handle(new ConfirmOrder(id, ExpectedVersion.oneOf(Set.of(1L)))))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.currentVersion()).isEmpty());
            assertThat(unitOfWork.committedEvents()).hasSize(1);
        }

        @Test
        void noVersionNamedNeverMatches() {
            assertThatThrownBy(() -> confirm.handle(new ConfirmOrder(id, ExpectedVersion.oneOf(Set.of()))))
                    .isInstanceOf(PreconditionFailedException.class);
            assertThat(unitOfWork.stored(id).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Nested
    class ActorTest {

        @Test
        void theOwningCustomerChangesItsOrder() {
            assertThat(confirm.handle(new ConfirmOrder(id, ExpectedVersion.ANY, Actor.customer("c")))).isEqualTo(new OrderRef(id, 2));
            assertThat(cancel.handle(new CancelOrder(id, "no", ExpectedVersion.ANY, Actor.customer("c")))).isEqualTo(new OrderRef(id, 3));
        }

        @Test
        void anotherCustomersOrderIsNotFoundAndUnchangedEvenWithAStalePrecondition() {
            Actor other = Actor.customer("someone-else");
            assertThatThrownBy(() -> confirm.handle(new ConfirmOrder(id, ExpectedVersion.ANY, other))).isInstanceOf(OrderNotFoundException.class);
            assertThatThrownBy(() -> ship.handle(new ShipOrder(id, ExpectedVersion.oneOf(Set.of(7L)), other)))
                    .isInstanceOf(OrderNotFoundException.class);
            assertThatThrownBy(() -> cancel.handle(new CancelOrder(id, "mine now", ExpectedVersion.ANY, other)))
                    .isInstanceOf(OrderNotFoundException.class);
            assertThat(unitOfWork.commits()).isEqualTo(1);
            assertThat(unitOfWork.stored(id).orElseThrow().version()).isEqualTo(1);
        }

        @Test
        void staffChangesAnyOrder() {
            assertThat(confirm.handle(new ConfirmOrder(id, ExpectedVersion.ANY, Actor.STAFF))).isEqualTo(new OrderRef(id, 2));
        }
    }
}
