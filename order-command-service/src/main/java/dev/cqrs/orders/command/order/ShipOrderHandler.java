package dev.cqrs.orders.command.order;

import org.springframework.stereotype.Component;

/** Ships a confirmed order; the state machine and the version check decide whether it may. */
@Component
class ShipOrderHandler implements CommandHandler<ShipOrder, OrderRef> {

    private final UnitOfWork unitOfWork;

    ShipOrderHandler(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Class<ShipOrder> commandType() {
        return ShipOrder.class;
    }

    @Override
    public OrderRef handle(ShipOrder command) {
        return unitOfWork.changeOrder(command.orderId(), command.expected(), command.actor(), order -> order.ship());
    }
}
