package dev.cqrs.orders.command.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the command path's hot code before the service reports ready, so that the first clients do not pay for a cold
 * JVM: every command handler against PostgreSQL inside transactions that are rolled back (nothing commits, so the
 * relay sees nothing: logical decoding carries committed transactions only), and the HTTP layer with requests it
 * refuses (400, no effect). Handlers are called directly, not through the bus, so {@code orders.commands} counts
 * clients only. Spring Boot reports ready only after application runners.
 */
@Component
class CommandWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandWarmUp.class);

    private final Map<Class<?>, CommandHandler<?, ?>> handlers;
    private final TransactionTemplate rolledBack;
    private final Environment environment;
    private final WarmUpProperties properties;
    private volatile Run lastRun = new Run(0, 0);

    /** What the last warm-up did. */
    record Run(int orders, int requests) {
    }

    CommandWarmUp(List<CommandHandler<?, ?>> handlers, PlatformTransactionManager transactions, Environment environment,
                  WarmUpProperties properties) {
        this.handlers = handlers.stream().collect(Collectors.toMap(CommandHandler::commandType, Function.identity()));
        this.rolledBack = new TransactionTemplate(transactions);
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + properties.maxDuration().toNanos();
        int orders = 0;
        int requests = 0;
        try {
            for (; orders < properties.orders() && System.nanoTime() - deadline < 0; orders++) {
                int i = orders;
                rolledBack.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    lifecycle(i);
                });
            }
            requests = refusedRequests(deadline);
        } catch (RuntimeException e) {
            log.warn("warm-up stopped early (the service starts anyway, only its first requests are slower): {}", e.toString());
        }
        lastRun = new Run(orders, requests);
        log.info("warmed up in {} ms ({} orders through every handler, rolled back; {} refused HTTP requests)",
                (System.nanoTime() - started) / 1_000_000, orders, requests);
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

    /** Bodies the service refuses before any command runs: Tomcat, MVC, JSON, validation and problem+json. */
    private int refusedRequests(long deadline) {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return 0;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI orders = URI.create("http://127.0.0.1:" + port + "/orders");
        int sent = 0;
        for (; sent < properties.requests() && System.nanoTime() - deadline < 0; sent++) {
            String body = "{\"customerId\":\"\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":"
                    + sent + "}]}";
            HttpRequest request = HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                return sent;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            }
        }
        return sent;
    }
}
