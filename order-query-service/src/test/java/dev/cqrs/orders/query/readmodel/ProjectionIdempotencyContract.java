package dev.cqrs.orders.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.query.readmodel.OrderHistories.Scenario;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotency and order-safety of one {@link Projection}, for every event type of the contract: a duplicate, a stale
 * event and a version gap change nothing, and every event delivered twice in any order Kafka allows ends exactly like
 * every event once, in order. Every Projection in the main code needs a concrete subclass of this
 * (ProjectionCoverageTest fails otherwise).
 *
 * @param <P> the projection under test
 */
public abstract class ProjectionIdempotencyContract<P extends Projection> {

    private InMemoryVersionedStore store;
    private P projection;

    /** A new projection under test writing to {@code store} (and to fresh stores of its own for anything else). */
    protected abstract P newProjection(VersionedStore store);

    /**
     * What the projection keeps beyond its per-order documents in {@code store}, e.g. counters; it is compared in every
     * test exactly like the per-order documents. None by default.
     */
    protected Object derivedState(P projection) {
        return null;
    }

    static Stream<Class<? extends OrderEvent>> eventTypes() {
        return OrderHistories.eventTypes();
    }

    @BeforeEach
    void setUpProjection() {
        store = new InMemoryVersionedStore();
        projection = newProjection(store);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void applyingAnEventTwiceLeavesTheSameState(Class<? extends OrderEvent> type) {
        Scenario scenario = OrderHistories.scenarioFor(type);
        applyAll(scenario.upTo(scenario.subject()));
        Document once = state(scenario).orElseThrow();
        Object derivedOnce = derivedState(projection);

        assertThat(projection.apply(scenario.subjectEvent())).isEqualTo(ApplyOutcome.DUPLICATE);
        applyAll(scenario.upTo(scenario.subject()));

        assertThat(state(scenario)).contains(once);
        assertThat(derivedState(projection)).isEqualTo(derivedOnce);
        assertThat(once.get(VersionedStore.VERSION)).isEqualTo(scenario.subjectEvent().aggregateVersion());
        assertThat(once.getList(VersionedStore.APPLIED_EVENT_IDS, String.class))
                .contains(scenario.subjectEvent().eventId().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void anOlderEventAfterANewerOneChangesNothing(Class<? extends OrderEvent> type) {
        Scenario scenario = OrderHistories.scenarioFor(type);
        applyAll(scenario.upTo(scenario.subject() + 1));
        Document newest = state(scenario).orElseThrow();
        Object derivedNewest = derivedState(projection);

        assertThat(projection.apply(scenario.subjectEvent())).isNotEqualTo(ApplyOutcome.APPLIED);
        assertThat(projection.apply(OrderHistories.withNewId(scenario.subjectEvent())))
                .isEqualTo(ApplyOutcome.STALE);

        assertThat(state(scenario)).contains(newest);
        assertThat(derivedState(projection)).isEqualTo(derivedNewest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void aVersionGapFailsRetryablyAndChangesNothingUntilItIsFilled(Class<? extends OrderEvent> type) {
        Scenario scenario = OrderHistories.scenarioFor(type);
        // The missing event and the one after it; a creation can only be missing, never arrive after a gap.
        int missing = Math.max(scenario.subject() - 1, 0);
        EventEnvelope early = scenario.history().get(missing + 1);
        applyAll(scenario.history().subList(0, missing));
        Optional<Document> before = state(scenario);
        Object derivedBefore = derivedState(projection);

        assertThatThrownBy(() -> projection.apply(early)).isInstanceOf(VersionGapException.class);
        assertThat(state(scenario)).isEqualTo(before);
        assertThat(derivedState(projection)).isEqualTo(derivedBefore);

        // A gap is waited for, never skipped: once the missing event is there, the early one applies.
        assertThat(projection.apply(scenario.history().get(missing))).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(projection.apply(early)).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(state(scenario).orElseThrow().get(VersionedStore.VERSION)).isEqualTo(early.aggregateVersion());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2025, 31337})
    void everyEventTwiceInAnyOrderKafkaAllowsEndsLikeEveryEventOnceInOrder(long seed) {
        Random random = new Random(seed);
        List<List<EventEnvelope>> histories = OrderHistories.randomHistories(random, 40,
                List.of("c-1", "c-2", "c-3", "c-4"), List.of("EUR", "USD", "JPY"));
        InMemoryVersionedStore onceStore = new InMemoryVersionedStore();
        P once = newProjection(onceStore);
        histories.forEach(history -> history.forEach(once::apply));
        InMemoryVersionedStore twiceStore = new InMemoryVersionedStore();
        P twice = newProjection(twiceStore);

        List<EventEnvelope> deliveries = OrderHistories.twiceInKafkaOrder(random, histories);
        deliveries.forEach(twice::apply);

        assertThat(deliveries).hasSize(2 * histories.stream().mapToInt(List::size).sum());
        for (List<EventEnvelope> history : histories) {
            String orderId = history.get(0).aggregateId().toString();
            assertThat(twiceStore.find(orderId)).as("order %s", orderId).isPresent().isEqualTo(onceStore.find(orderId));
        }
        assertThat(derivedState(twice)).isEqualTo(derivedState(once));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11, 2026})
    void batchesGiveEachEventTheOutcomeAndEndInTheStateOfOneByOne(long seed) {
        Random random = new Random(seed);
        List<List<EventEnvelope>> histories = OrderHistories.randomHistories(random, 40,
                List.of("c-1", "c-2", "c-3", "c-4"), List.of("EUR", "USD", "JPY"));
        List<EventEnvelope> deliveries = OrderHistories.twiceInKafkaOrder(random, histories);
        InMemoryVersionedStore oneByOneStore = new InMemoryVersionedStore();
        P oneByOne = newProjection(oneByOneStore);
        List<ApplyOutcome> expected = deliveries.stream().map(oneByOne::apply).toList();
        InMemoryVersionedStore batchedStore = new InMemoryVersionedStore();
        P batched = newProjection(batchedStore);

        List<ApplyOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); ) {
            int to = Math.min(deliveries.size(), from + 1 + random.nextInt(60));
            outcomes.addAll(batched.applyAll(deliveries.subList(from, to)));
            from = to;
        }

        assertThat(outcomes).isEqualTo(expected);
        for (List<EventEnvelope> history : histories) {
            String orderId = history.get(0).aggregateId().toString();
            assertThat(batchedStore.find(orderId)).as("order %s", orderId).isEqualTo(oneByOneStore.find(orderId));
        }
        assertThat(derivedState(batched)).isEqualTo(derivedState(oneByOne));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void aBatchWithAVersionGapFailsRetryablyBeforeWritingAnything(Class<? extends OrderEvent> type) {
        Scenario scenario = OrderHistories.scenarioFor(type);
        int missing = Math.max(scenario.subject() - 1, 0);
        EventEnvelope early = scenario.history().get(missing + 1);
        applyAll(scenario.history().subList(0, missing));
        EventEnvelope unrelated = OrderHistories.created(UUID.randomUUID(), "c-9", "EUR",
                ((OrderCreated) scenario.history().get(0).event()).items());
        Optional<Document> before = state(scenario);
        Object derivedBefore = derivedState(projection);

        assertThatThrownBy(() -> projection.applyAll(List.of(unrelated, early))).isInstanceOf(VersionGapException.class);

        assertThat(state(scenario)).isEqualTo(before);
        assertThat(store.find(unrelated.aggregateId().toString())).isEmpty();
        assertThat(derivedState(projection)).isEqualTo(derivedBefore);
        assertThat(projection.applyAll(List.of(unrelated, scenario.history().get(missing), early)))
                .containsExactly(ApplyOutcome.APPLIED, ApplyOutcome.APPLIED, ApplyOutcome.APPLIED);
    }

    private void applyAll(List<EventEnvelope> events) {
        events.forEach(projection::apply);
    }

    private Optional<Document> state(Scenario scenario) {
        return store.find(scenario.orderId());
    }
}
