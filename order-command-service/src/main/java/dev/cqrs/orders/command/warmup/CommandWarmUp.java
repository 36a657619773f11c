package dev.cqrs.orders.command.warmup;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.cqrs.orders.command.order.CancelOrder;
import dev.cqrs.orders.command.order.Command;
import dev.cqrs.orders.command.order.CommandHandler;
import dev.cqrs.orders.command.order.ConfirmOrder;
import dev.cqrs.orders.command.order.CreateOrder;
import dev.cqrs.orders.command.order.OrderLine;
import dev.cqrs.orders.command.order.OrderRef;
import dev.cqrs.orders.command.order.ShipOrder;
import dev.cqrs.orders.command.relay.RelayWarmUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the command path's hot code before the service reports ready, so that the first clients do not pay for a cold
 * JVM: every command handler against PostgreSQL inside transactions that are rolled back (nothing commits, so the
 * relay sees nothing: logical decoding carries committed transactions only), then the relay's ({@link RelayWarmUp}).
 * It sends itself no HTTP request: the command side makes no synchronous HTTP calls at all (an ArchUnit rule).
 * Handlers are called directly, not through the bus, so {@code orders.commands} counts clients only. Spring Boot
 * reports ready only after application runners.
 */
@Component
class CommandWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandWarmUp.class);

    private final Map<Class<?>, CommandHandler<?, ?>> handlers;
    private final TransactionTemplate rolledBack;
    private final WarmUpProperties properties;
    private final RelayWarmUp relay;
    private volatile Run lastRun = new Run(0, new RelayWarmUp.Run(false, 0, 0, 0));

    /** What the last warm-up did. */
    record Run(int orders, RelayWarmUp.Run relay) {
    }

    CommandWarmUp(List<CommandHandler<?, ?>> handlers, PlatformTransactionManager transactions,
                  WarmUpProperties properties, RelayWarmUp relay) {
        this.handlers = handlers.stream().collect(Collectors.toMap(CommandHandler::commandType, Function.identity()));
        this.rolledBack = new TransactionTemplate(transactions);
        this.properties = properties;
        this.relay = relay;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + properties.maxDuration().toNanos();
        int orders = 0;
        try {
            for (; orders < properties.orders() && System.nanoTime() - deadline < 0; orders++) {
                int i = orders;
                rolledBack.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    lifecycle(i);
                });
            }
        } catch (RuntimeException e) {
            log.warn("warm-up stopped early (the service starts anyway, only its first requests are slower): {}", e.toString());
        }
        long handled = System.nanoTime();
        RelayWarmUp.Run relayRun = warmUpRelay();
        lastRun = new Run(orders, relayRun);
        log.info("warmed up in {} ms ({} orders through every handler, rolled back; {})",
                (handled - started) / 1_000_000, orders, !relayRun.leading() ? "this replica does not lead the relay"
                        : relayRun.acknowledged() + " of " + relayRun.written() + " synthetic events through the relay,"
                        + " unpublished, in " + relayRun.millis() + " ms");
    }

    private RelayWarmUp.Run warmUpRelay() {
        try {
            return relay.run(properties.relayEvents(), properties.maxDuration());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("relay warm-up stopped early (the service starts anyway, only its first events are slower): {}",
                    e.toString());
        }
        return new RelayWarmUp.Run(true, 0, 0, 0);
    }

    Run lastRun() {
        return lastRun;
    }

    private void lifecycle(int i) {
        OrderRef created = handle(new CreateOrder("warm-up-" + (i % 7), "EUR",
                List.of(new OrderLine("SKU-" + (i % 11), 1 + i % 3, 100 + i), new OrderLine("SKU-X", 1, 250)),
                i % 2 == 0 ? "warm-up-" + UUID.randomUUID() : null));
        if (i % 4 == 3) {
            handle(new CancelOrder(created.orderId(), "warm-up"));
            return;
        }
        handle(new ConfirmOrder(created.orderId()));
        handle(new ShipOrder(created.orderId()));
    }

    @SuppressWarnings("unchecked")
    private <R> R handle(Command<R> command) {
        return ((CommandHandler<Command<R>, R>) handlers.get(command.getClass())).handle(command);
    }
}
