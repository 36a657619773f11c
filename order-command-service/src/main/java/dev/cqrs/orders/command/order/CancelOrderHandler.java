package dev.cqrs.orders.command.order;

import org.springframework.stereotype.Component;

/** Cancels an order that has not shipped; the state machine and the version check decide whether it may. */
@Component
class CancelOrderHandler implements CommandHandler<CancelOrder, OrderRef> {

    private final UnitOfWork unitOfWork;

    CancelOrderHandler(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Class<CancelOrder> commandType() {
        return CancelOrder.class;
    }

    @Override
    public OrderRef handle(CancelOrder command) {
        return unitOfWork.changeOrder(command.orderId(), command.expected(), command.actor(), order -> order.cancel(command.reason()));
    }
}
