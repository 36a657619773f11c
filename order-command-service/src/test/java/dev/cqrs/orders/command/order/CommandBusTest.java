package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The bus routes each command to exactly one handler. */
class CommandBusTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void dispatchesToTheHandlerOfTheCommandType() {
        FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
        UUID id = UUID.randomUUID();
        CommandBus bus = new CommandBus(List.of(new CreateOrderHandler(unitOfWork, () -> id), new ConfirmOrderHandler(unitOfWork)), meters);

        assertThat(bus.dispatch(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1))))).isEqualTo(new OrderRef(id, 1));
        assertThat(bus.dispatch(new ConfirmOrder(id))).isEqualTo(new OrderRef(id, 2));
    }

    @Test
    void timesEveryCommandByTypeAndOutcome() {
        FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
        UUID id = UUID.randomUUID();
        CommandBus bus = new CommandBus(List.of(new CreateOrderHandler(unitOfWork, () -> id), new ShipOrderHandler(unitOfWork)), meters);
        bus.dispatch(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1))));
        assertThatThrownBy(() -> bus.dispatch(new ShipOrder(id))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> bus.dispatch(new ShipOrder(UUID.randomUUID()))).isInstanceOf(OrderNotFoundException.class);

        assertThat(meters.get("orders.commands").tags("command", "CreateOrder", "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get("orders.commands").tags("command", "ShipOrder", "outcome", "refused").timer().count()).isEqualTo(1);
        assertThat(meters.get("orders.commands").tags("command", "ShipOrder", "outcome", "not_found").timer().count()).isEqualTo(1);
    }

    @Test
    void refusesTwoHandlersForOneTypeAndCommandsWithoutHandler() {
        FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
        assertThatIllegalStateException().isThrownBy(() -> new CommandBus(List.of(new ConfirmOrderHandler(unitOfWork),
                new ConfirmOrderHandler(unitOfWork)), meters)).withMessageContaining("two handlers");
        CommandBus bus = new CommandBus(List.of(new ConfirmOrderHandler(unitOfWork)), meters);
        assertThatIllegalStateException().isThrownBy(() -> bus.dispatch(new ShipOrder(UUID.randomUUID())))
                .withMessageContaining("no handler");
    }
}
