package dev.cqrs.orders.command.order;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/** Creates the order and its OrderCreated event in one unit of work, at most once per idempotency key. */
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
            UUID id = ids.get();
            if (command.idempotencyKey() != null) {
                Optional<UUID> earlier = orders.claimIdempotencyKey(command.idempotencyKey(), command.fingerprint(), id);
                if (earlier.isPresent()) {
                    // A retry of a request that already succeeded: answer what the first one answered.
                    return new OrderRef(earlier.get(), 1);
                }
            }
            Order order = Order.create(id, command);
            orders.add(order);
            return new OrderRef(order.id(), order.version());
        });
    }
}
