package dev.cqrs.orders.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.query.readmodel.OrderHistories.Scenario;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Idempotency and order-safety of one {@link Projection}, for every event type of the contract: a duplicate, a stale
 * event and a version gap change nothing. Every Projection in the main code needs a concrete subclass of this
 * (ProjectionCoverageTest fails otherwise).
 *
 * @param <P> the projection under test
 */
public abstract class ProjectionIdempotencyContract<P extends Projection> {

    private InMemoryVersionedStore store;
    private P projection;

    /** The projection under test, writing to {@code store}. */
    protected abstract P newProjection(VersionedStore store);

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

        assertThat(projection.apply(scenario.subjectEvent())).isEqualTo(ApplyOutcome.DUPLICATE);
        applyAll(scenario.upTo(scenario.subject()));

        assertThat(state(scenario)).contains(once);
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

        assertThat(projection.apply(scenario.subjectEvent())).isNotEqualTo(ApplyOutcome.APPLIED);
        assertThat(projection.apply(OrderHistories.withNewId(scenario.subjectEvent())))
                .isEqualTo(ApplyOutcome.STALE);

        assertThat(state(scenario)).contains(newest);
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

        assertThatThrownBy(() -> projection.apply(early)).isInstanceOf(VersionGapException.class);
        assertThat(state(scenario)).isEqualTo(before);

        // A gap is waited for, never skipped: once the missing event is there, the early one applies.
        assertThat(projection.apply(scenario.history().get(missing))).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(projection.apply(early)).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(state(scenario).orElseThrow().get(VersionedStore.VERSION)).isEqualTo(early.aggregateVersion());
    }

    private void applyAll(List<EventEnvelope> events) {
        events.forEach(projection::apply);
    }

    private Optional<Document> state(Scenario scenario) {
        return store.find(scenario.orderId());
    }
}
