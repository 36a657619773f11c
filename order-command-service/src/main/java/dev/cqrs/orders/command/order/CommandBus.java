package dev.cqrs.orders.command.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Dispatches each command, in process and synchronously, to the one handler registered for its type, and times
 * it: {@code orders.commands} per command type and outcome gives rate, latency and errors.
 */
@Component
public class CommandBus {

    private final Map<Class<?>, CommandHandler<?, ?>> handlers = new HashMap<>();
    private final MeterRegistry meters;

    public CommandBus(List<CommandHandler<?, ?>> handlers, MeterRegistry meters) {
        this.meters = meters;
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
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            R result = handler.handle(command);
            outcome = "success";
            return result;
        } catch (RuntimeException e) {
            outcome = outcome(e);
            throw e;
        } finally {
            sample.stop(Timer.builder("orders.commands")
                    .description("Commands handled, by type and outcome")
                    .tag("command", command.getClass().getSimpleName())
                    .tag("outcome", outcome)
                    .publishPercentiles(0.5, 0.99)
                    .register(meters));
        }
    }

    private static String outcome(RuntimeException e) {
        if (e instanceof InvalidCommandException || e instanceof IdempotencyKeyReusedException) {
            return "invalid";
        }
        if (e instanceof OrderNotFoundException) {
            return "not_found";
        }
        if (e instanceof IllegalTransitionException) {
            return "refused";
        }
        if (e instanceof ConcurrencyConflictException) {
            return "conflict";
        }
        return "error";
    }
}
