package dev.cqrs.orders.qa.load;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;

import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.http.OrdersHttp.Exchange;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.Transition;
import dev.cqrs.orders.qa.readside.ReadYourWrites;

/**
 * One client: takes the next released order, creates it and sends its commands one after another, and writes
 * every answer into the ledger. While a component is down it backs off and retries:
 * <ul>
 *   <li>a create always with the same Idempotency-Key, until it is acknowledged: the same key answers the same order,
 *   so every attempted create ends in the ledger and a visible order outside it is a true phantom;</li>
 *   <li>a transition that never connected is simply sent again (the service did not see it);</li>
 *   <li>a transition whose outcome is unknown (timeout, reset, 5xx) is probed by sending it again: the state machine
 *   refuses a transition twice, so a 204 means the first attempt did not commit and a 409 means it did. If no definite
 *   answer comes before the deadline, the order's final state is "ambiguous": either before or after that command.</li>
 * </ul>
 */
public final class LoadClient implements Runnable {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final List<OrderRecord> ledger;
    private final OrdersHttp http;
    private final Progress progress;
    private final DelaySampler sampler;
    private final Pacer pacer;
    private final RateLimit rate;
    private final ReadYourWrites readYourWrites;
    private final SuiteConfig config;
    private final long runStartNanos;

    public LoadClient(List<OrderRecord> ledger, OrdersHttp http, Progress progress, DelaySampler sampler, Pacer pacer,
                      RateLimit rate, ReadYourWrites readYourWrites, SuiteConfig config, long runStartNanos) {
        this.rate = rate;
        this.readYourWrites = readYourWrites;
        this.ledger = ledger;
        this.http = http;
        this.progress = progress;
        this.sampler = sampler;
        this.pacer = pacer;
        this.config = config;
        this.runStartNanos = runStartNanos;
    }

    @Override
    public void run() {
        try {
            for (int index; (index = progress.nextOrder()) >= 0; ) {
                try {
                    drive(ledger.get(index));
                } finally {
                    progress.orderDone();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drive(OrderRecord order) {
        OrderSpec spec = order.spec();
        pacer.pause(rate.reserve());
        Attempts create = execute(() -> http.create(spec));
        Exchange answer = create.last();
        if (answer != null && answer.status() == 201) {
            long ackNanos = create.answeredNanos();
            String orderId = answer.json().path("orderId").asString();
            order.created(orderId, ackNanos, command("create", Outcome.ACKNOWLEDGED, answer.etagVersion(), create, ""));
            acknowledged(order, orderId, "create", answer.etagVersion(), ackNanos);
        } else if (answer == null) {
            order.createFailed(command("create", create.uncertain() ? Outcome.UNRESOLVED : Outcome.NEVER_SENT, 0, create,
                    "no answer within " + config.commandDeadline().toSeconds() + " s"));
            return;
        } else {
            order.createFailed(command("create", Outcome.ERROR, 0, create, "unexpected " + answer.describe()));
            return;
        }
        String orderId = order.orderId().orElseThrow();
        long version = answer.etagVersion();
        for (OrderSpec.Step step : spec.steps()) {
            pacer.pause(config.think());
            pacer.pause(rate.reserve());
            Transition transition = step.transition();
            Attempts attempts = execute(() -> http.transition(orderId, transition, spec.cancellationReason()));
            Exchange last = attempts.last();
            String name = transition.path();
            if (last == null) {
                if (attempts.uncertain() && step.valid()) {
                    order.ambiguous(transition, command(name, Outcome.UNRESOLVED, version + 1, attempts,
                            "no definite answer within " + config.commandDeadline().toSeconds() + " s: it may have committed"));
                } else if (attempts.uncertain()) {
                    order.unchanged(command(name, Outcome.UNRESOLVED, version, attempts, "invalid transition without a definite answer"));
                } else {
                    order.unchanged(command(name, Outcome.NEVER_SENT, version, attempts,
                            "never connected within " + config.commandDeadline().toSeconds() + " s"));
                }
                return; // the order's state is no longer certain enough to go on with it
            }
            if (step.valid() && last.success()) {
                version = last.etagVersion();
                order.committed(transition, command(name, Outcome.ACKNOWLEDGED, version, attempts, ""));
                acknowledged(order, orderId, name, version, attempts.answeredNanos());
            } else if (step.valid() && last.status() == 409 && attempts.uncertain()) {
                version = version + 1;
                order.committed(transition, command(name, Outcome.COMMITTED_EARLIER, version, attempts,
                        "an earlier attempt got no definite answer; the retry was refused, so that attempt committed"));
            } else if (!step.valid() && last.status() == 409) {
                order.unchanged(command(name, Outcome.REFUSED_AS_EXPECTED, version, attempts, ""));
            } else if (!step.valid() && last.success()) {
                version = last.etagVersion();
                order.committed(transition, command(name, Outcome.ERROR, version, attempts, "accepted although invalid"));
                order.flag(name + " was accepted although the order's state does not allow it: " + last.describe());
                acknowledged(order, orderId, name, version, attempts.answeredNanos());
            } else {
                order.error(command(name, Outcome.ERROR, version, attempts, last.describe()),
                        name + " (" + (step.valid() ? "valid" : "invalid") + ") answered " + last.describe());
                return;
            }
        }
    }

    private void acknowledged(OrderRecord order, String orderId, String command, long version, long ackNanos) {
        sampler.acknowledged(order, orderId, version, ackNanos);
        progress.acknowledged(new Progress.Ack(command, orderId, version, ackNanos));
        readYourWrites.afterAcknowledgement(order, orderId, version);
    }

    private Command command(String name, Outcome outcome, long version, Attempts attempts, String detail) {
        return new Command(name, outcome, version, attempts.last() == null ? 0 : attempts.last().status(),
                (System.nanoTime() - runStartNanos) / 1_000_000, attempts.count(), attempts.uncertain(), detail);
    }

    /** The attempts at one command: the last (definite) answer, or null at the deadline. */
    private record Attempts(Exchange last, long answeredNanos, int count, boolean uncertain) {
    }

    /** Sends until a definite answer (2xx or 4xx), backing off while a component is down, up to the deadline. */
    private Attempts execute(Supplier<Exchange> call) {
        AtomicInteger count = new AtomicInteger();
        AtomicBoolean uncertain = new AtomicBoolean();
        AtomicReference<Long> answered = new AtomicReference<>(0L);
        Supplier<Exchange> attempt = () -> {
            count.incrementAndGet();
            progress.requestStarted();
            try {
                Exchange exchange = call.get();
                answered.set(System.nanoTime());
                if (exchange.uncertain()) {
                    uncertain.set(true);
                }
                return exchange;
            } finally {
                progress.requestEnded();
            }
        };
        Exchange first = attempt.get();
        if (first.definite()) {
            return new Attempts(first, answered.get(), 1, false);
        }
        try {
            Exchange last = await("a definite answer")
                    .atMost(config.commandDeadline())
                    .pollInSameThread()
                    .pollDelay(FIRST_BACKOFF)
                    .pollInterval(IterativePollInterval.iterative(
                            previous -> previous.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : previous.multipliedBy(2),
                            FIRST_BACKOFF))
                    .until(attempt::get, Exchange::definite);
            return new Attempts(last, answered.get(), count.get(), uncertain.get());
        } catch (ConditionTimeoutException e) {
            return new Attempts(null, 0, count.get(), uncertain.get());
        }
    }
}
