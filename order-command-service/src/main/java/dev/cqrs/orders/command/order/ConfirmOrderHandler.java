package dev.cqrs.orders.command.order;

import org.springframework.stereotype.Component;

/** Confirms a created order; the state machine and the version check decide whether it may. */
@Component
class ConfirmOrderHandler implements CommandHandler<ConfirmOrder, OrderRef> {

    private final UnitOfWork unitOfWork;

    ConfirmOrderHandler(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Class<ConfirmOrder> commandType() {
        return ConfirmOrder.class;
    }

    @Override
    public OrderRef handle(ConfirmOrder command) {
        return unitOfWork.changeOrder(command.orderId(), command.expected(), command.actor(), order -> order.confirm());
    }
}
