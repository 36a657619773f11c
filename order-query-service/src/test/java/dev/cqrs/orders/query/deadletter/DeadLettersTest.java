package dev.cqrs.orders.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.query.readmodel.VersionGapException;
import dev.cqrs.orders.query.problems.ConflictException;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/** The parking and replay rules, with a fake store and a fake projection. */
class DeadLettersTest {

    private static final String VIEW = "order-view";
    private static final String GROUP = "order-query.order-view";
    private static final String TOPIC = "orders.events";
    private static final EventCodec CODEC = new EventCodec();

    private final InMemoryDeadLetterStore store = new InMemoryDeadLetterStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** Offsets the fake projection applied, in order. */
    private final List<Long> applied = new ArrayList<>();
    /** Offsets the fake projection fails on. */
    private final Set<Long> failing = new HashSet<>();
    private int changes;
    private final DeadLetters deadLetters = newDeadLetters();

    private DeadLetters newDeadLetters() {
        return new DeadLetters(store, Map.of(GROUP, VIEW), (readModel, record) -> {
            if (failing.contains(record.offset())) {
                throw new IllegalStateException("still broken at " + record.offset());
            }
            applied.add(record.offset());
        }, CODEC, clock, () -> changes++);
    }

    @Test
    void ordersWithoutLettersFlowWithoutAnyLookup() {
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 1))).isFalse();
        assertThat(deadLetters.parkIfBlocked(VIEW, record("b", 2))).isFalse();
        assertThat(store.orderLookups).hasValue(0);
    }

    @Test
    void aFailedRecordParksOnlyItsOwnOrdersLaterRecords() {
        fail(record("a", 10), 5);

        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 11))).isTrue();
        assertThat(deadLetters.parkIfBlocked(VIEW, record("b", 12))).isFalse();
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 13))).isTrue();
        assertThat(deadLetters.parkIfBlocked("order-list", record("a", 14))).isFalse();

        DeadLetter head = letter(10);
        assertThat(head.role()).isEqualTo(DeadLetter.Role.HEAD);
        assertThat(head.attempts()).isEqualTo(5);
        assertThat(head.orderId()).isEqualTo("a");
        assertThat(head.errorClass()).isEqualTo(VersionGapException.class.getName()); // unwrapped from the container's
        assertThat(head.eventType()).isEqualTo("OrderConfirmed");
        assertThat(head.aggregateVersion()).isEqualTo(2);
        assertThat(letter(11).role()).isEqualTo(DeadLetter.Role.PARKED);
        assertThat(letter(13).role()).isEqualTo(DeadLetter.Role.PARKED);
        assertThat(store.letters).hasSize(3);
    }

    @Test
    void redeliveriesStoreNothingTwice() {
        fail(record("a", 10), 3);
        fail(record("a", 10), 3);
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 10))).isTrue();
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 11))).isTrue();
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 11))).isTrue();
        assertThat(store.letters).hasSize(2);
        assertThat(letter(10).role()).isEqualTo(DeadLetter.Role.HEAD);
    }

    @Test
    void replayingTheHeadAppliesItAndThenTheParkedOnesInOffsetOrder() {
        fail(record("a", 10), 3);
        deadLetters.parkIfBlocked(VIEW, record("a", 12));
        deadLetters.parkIfBlocked(VIEW, record("a", 15));

        ReplayOutcome outcome = deadLetters.replay(id(10));

        assertThat(applied).containsExactly(10L, 12L, 15L);
        assertThat(outcome.replayed()).containsExactly(id(10), id(12), id(15));
        assertThat(outcome.failed()).isNull();
        assertThat(outcome.caughtUp()).isTrue();
        assertThat(store.letters.values()).allMatch(letter -> letter.status() == DeadLetter.Status.REPLAYED);
        // The order flows again, without asking the store.
        int lookups = store.orderLookups.get();
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 16))).isFalse();
        assertThat(store.orderLookups).hasValue(lookups);
    }

    @Test
    void replayStopsAtTheFirstFailureWhichBecomesTheHead() {
        fail(record("a", 10), 3);
        deadLetters.parkIfBlocked(VIEW, record("a", 12));
        deadLetters.parkIfBlocked(VIEW, record("a", 15));
        failing.add(12L);

        ReplayOutcome outcome = deadLetters.replay(id(10));

        assertThat(applied).containsExactly(10L);
        assertThat(outcome.failed().id()).isEqualTo(id(12));
        assertThat(outcome.stillOpen()).isEqualTo(2);
        assertThat(outcome.caughtUp()).isFalse();
        assertThat(letter(12).role()).isEqualTo(DeadLetter.Role.HEAD);
        assertThat(letter(12).errorMessage()).contains("still broken at 12");
        assertThat(letter(12).attempts()).isEqualTo(1);
        assertThat(letter(15).status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 16))).isTrue();

        assertThatThrownBy(() -> deadLetters.replay(id(15))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("parked behind " + id(12));
        assertThatThrownBy(() -> deadLetters.replay(id(10))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("REPLAYED");
        assertThatThrownBy(() -> deadLetters.replay("nope")).isInstanceOf(NotFoundException.class);

        failing.clear();
        assertThat(deadLetters.replay(id(12)).replayed()).containsExactly(id(12), id(15), id(16));
        assertThat(applied).containsExactly(10L, 12L, 15L, 16L);
    }

    @Test
    void discardingTheHeadReplaysTheParkedOnes() {
        fail(record("a", 10), 1);
        deadLetters.parkIfBlocked(VIEW, record("a", 11));

        ReplayOutcome outcome = deadLetters.discard(id(10));

        assertThat(outcome.discarded()).isEqualTo(id(10));
        assertThat(outcome.replayed()).containsExactly(id(11));
        assertThat(outcome.caughtUp()).isTrue();
        assertThat(applied).containsExactly(11L);
        assertThat(letter(10).status()).isEqualTo(DeadLetter.Status.DISCARDED);
        assertThat(letter(10).resolvedAt()).isEqualTo(clock.instant());
        assertThat(deadLetters.parkIfBlocked(VIEW, record("a", 12))).isFalse();
    }

    @Test
    void discardingAParkedLetterSkipsOnlyThatOne() {
        fail(record("a", 10), 1);
        deadLetters.parkIfBlocked(VIEW, record("a", 11));
        deadLetters.parkIfBlocked(VIEW, record("a", 12));

        ReplayOutcome outcome = deadLetters.discard(id(11));

        assertThat(outcome.replayed()).isEmpty();
        assertThat(outcome.stillOpen()).isEqualTo(2);
        assertThat(applied).isEmpty();
        assertThat(deadLetters.replay(id(10)).replayed()).containsExactly(id(10), id(12));
    }

    @Test
    void parkedOrdersSurviveARestartAndAReassignment() {
        fail(record("a", 10), 1);
        DeadLetters restarted = newDeadLetters();
        assertThat(restarted.parkIfBlocked(VIEW, record("a", 11))).isTrue();

        // Replayed through another replica: this one learns it on the order's next record and lets it through.
        newDeadLetters().replay(id(10));
        assertThat(restarted.parkIfBlocked(VIEW, record("a", 12))).isFalse();

        fail(record("b", 20), 1); // recorded by another replica
        assertThat(restarted.parkIfBlocked(VIEW, record("b", 21))).isFalse();
        restarted.reload(VIEW); // partition assignment
        assertThat(restarted.parkIfBlocked(VIEW, record("b", 22))).isTrue();
    }

    @Test
    void recordsOfGroupsThatAreNoReadModelAreIgnored() {
        deadLetters.recordFailure("someone-else", record("a", 1), new IllegalStateException("x"), 1);
        assertThat(store.letters).isEmpty();
    }

    @Test
    void theGaugesCountOpenLettersAndTheAgeOfTheOldest() {
        Instant[] now = {clock.instant()};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        DeadLetterMetrics metrics = new DeadLetterMetrics(store, moving, Duration.ofSeconds(5));
        assertThat(metrics.snapshot(VIEW).open()).isZero();
        assertThat(metrics.oldestAgeSeconds(VIEW)).isZero();

        fail(record("a", 10), 1);
        deadLetters.parkIfBlocked(VIEW, record("a", 11));
        now[0] = now[0].plusSeconds(90);
        metrics.invalidate();
        assertThat(metrics.snapshot(VIEW).open()).isEqualTo(2);
        assertThat(metrics.oldestAgeSeconds(VIEW)).isEqualTo(90.0);
        assertThat(changes).isPositive();
    }

    private void fail(ConsumerRecord<String, String> record, int attempts) {
        deadLetters.recordFailure(GROUP, record, new ListenerExecutionFailedException("listener failed",
                new VersionGapException(VIEW, record.key(), 2, 0)), attempts);
    }

    private DeadLetter letter(long offset) {
        return store.find(id(offset)).orElseThrow();
    }

    private static String id(long offset) {
        return DeadLetter.idOf(VIEW, TOPIC, 0, offset);
    }

    private static ConsumerRecord<String, String> record(String key, long offset) {
        String value = CODEC.encode(EventEnvelope.of(UUID.randomUUID(), 2, Instant.now(),
                new OrderConfirmed(UUID.nameUUIDFromBytes(key.getBytes()))));
        return new ConsumerRecord<>(TOPIC, 0, offset, key, value);
    }
}
