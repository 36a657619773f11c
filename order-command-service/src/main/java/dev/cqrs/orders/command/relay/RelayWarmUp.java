package dev.cqrs.orders.command.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.command.outbox.OutboxWriter;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the relay's cold code (pgoutput decoding, the EventRouter, the publisher) through synthetic events before the
 * service reports ready: under load a cold relay fell far behind while the HTTP threads took the cores, and then
 * released its backlog at once (docs/read-your-writes.md). The rows are committed as {@link
 * OutboxWriter#RELAY_WARM_UP_TYPE}: the relay acknowledges them, so the slot moves past them, and publishes none. Only
 * the replica that leads the relay warms it; the others' relay is not running.
 */
@Component
public class RelayWarmUp {

    /** What a warm-up did: whether this replica led the relay, and how many rows the relay took back in how long. */
    public record Run(boolean leading, int written, long acknowledged, long millis) {
    }

    private final RelayStatus status;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RelayWarmUp(RelayStatus status, OutboxWriter outbox, PlatformTransactionManager transactions, Clock clock) {
        this.status = status;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Commits {@code events} warm-up rows and waits, within {@code timeout}, until the relay acknowledged them. */
    public Run run(int events, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        if (events <= 0 || !status.isLeading()) {
            return new Run(status.isLeading(), 0, 0, 0);
        }
        long before = status.warmUpCount();
        List<EventEnvelope> envelopes = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            UUID orderId = UUID.randomUUID();
            envelopes.add(EventEnvelope.of(UUID.randomUUID(), 1, clock.instant(), new OrderCreated(orderId,
                    "warm-up-" + (i % 7), "EUR", List.of(new LineItem("SKU-" + (i % 11), 1 + i % 3, 100 + i)))));
        }
        transactions.executeWithoutResult(transaction -> outbox.appendRelayWarmUp(envelopes));
        long acknowledged = status.awaitWarmUps(before + events, started + timeout.toNanos()) - before;
        return new Run(true, events, Math.min(events, acknowledged), (System.nanoTime() - started) / 1_000_000);
    }
}
