package dev.cqrs.orders.command.order;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/** Creates the order and its OrderCreated event in one unit of work. */
@Component
class CreateOrderHandler implements CommandHandler<CreateOrder, OrderRef> {

    private final UnitOfWork unitOfWork;
    private final Supplier<UUID> ids;

    CreateOrderHandler(UnitOfWork unitOfWork, Supplier<UUID> orderIds) {
        this.unitOfWork = unitOfWork;
        this.ids = orderIds;
    }

    @Override
    public Class<CreateOrder> commandType() {
        return CreateOrder.class;
    }

    @Override
    public OrderRef handle(CreateOrder command) {
        return unitOfWork.execute(orders -> {
            Order order = Order.create(ids.get(), command);
            orders.add(order);
            return new OrderRef(order.id(), order.version());
        });
    }
}
