package dev.cqrs.orders.command.order;

/** Handles one command type; the {@link CommandBus} finds exactly one handler per type. */
public interface CommandHandler<C extends Command<R>, R> {

    Class<C> commandType();

    R handle(C command);
}
