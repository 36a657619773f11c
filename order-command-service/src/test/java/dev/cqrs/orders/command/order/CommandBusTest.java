package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The bus routes each command to exactly one handler. */
class CommandBusTest {

    @Test
    void dispatchesToTheHandlerOfTheCommandType() {
        FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
        UUID id = UUID.randomUUID();
        CommandBus bus = new CommandBus(List.of(new CreateOrderHandler(unitOfWork, () -> id), new ConfirmOrderHandler(unitOfWork)));

        assertThat(bus.dispatch(new CreateOrder("c", "EUR", List.of(new OrderLine("A", 1, 1))))).isEqualTo(new OrderRef(id, 1));
        assertThat(bus.dispatch(new ConfirmOrder(id))).isEqualTo(new OrderRef(id, 2));
    }

    @Test
    void refusesTwoHandlersForOneTypeAndCommandsWithoutHandler() {
        FakeUnitOfWork unitOfWork = new FakeUnitOfWork();
        assertThatIllegalStateException().isThrownBy(() -> new CommandBus(List.of(new ConfirmOrderHandler(unitOfWork),
                new ConfirmOrderHandler(unitOfWork)))).withMessageContaining("two handlers");
        CommandBus bus = new CommandBus(List.of(new ConfirmOrderHandler(unitOfWork)));
        assertThatIllegalStateException().isThrownBy(() -> bus.dispatch(new ShipOrder(UUID.randomUUID())))
                .withMessageContaining("no handler");
    }
}
