package dev.cqrs.orders.command.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Dispatches each command, in process and synchronously, to the one handler registered for its type. */
@Component
public class CommandBus {

    private final Map<Class<?>, CommandHandler<?, ?>> handlers = new HashMap<>();

    public CommandBus(List<CommandHandler<?, ?>> handlers) {
        for (CommandHandler<?, ?> handler : handlers) {
            CommandHandler<?, ?> previous = this.handlers.put(handler.commandType(), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + handler.commandType().getSimpleName() + ": "
                        + previous.getClass().getSimpleName() + " and " + handler.getClass().getSimpleName());
            }
        }
    }

    @SuppressWarnings("unchecked")
    public <R> R dispatch(Command<R> command) {
        CommandHandler<Command<R>, R> handler = (CommandHandler<Command<R>, R>) handlers.get(command.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler is registered for " + command.getClass().getSimpleName());
        }
        return handler.handle(command);
    }
}
