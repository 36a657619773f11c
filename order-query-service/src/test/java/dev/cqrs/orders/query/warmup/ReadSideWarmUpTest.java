package dev.cqrs.orders.query.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.mongodb.client.ListCollectionNamesIterable;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.consumer.ListenerAssignments;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;
import org.junit.jupiter.api.Test;

/** The warm-up's time budget holds inside a round too, when a read model is slower than the budget allows. */
class ReadSideWarmUpTest {

    /** 400 orders make about 1,100 events, eleven batches; each takes 500 ms of the test's clock, so a round outlasts 2 s. */
    @Test
    void stopsMidRoundOnceItsTimeIsUp() {
        AtomicInteger batches = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        ReadModel slow = new SlowReadModel(batches, clock, Duration.ofMillis(500));
        ReadSideWarmUp warmUp = new ReadSideWarmUp(List.of(slow), noCollections(), new EventCodec(), new ListenerAssignments(),
                new WarmUpProperties(true, 400, 3, Duration.ofSeconds(2), Duration.ZERO, 0, 1), clock::get);

        warmUp.run(null);

        assertThat(batches.get()).isBetween(1, 10);
    }

    /** A read model whose every batch moves the clock on by {@code perBatch} and writes nothing. */
    private record SlowReadModel(AtomicInteger batches, AtomicLong clock, Duration perBatch) implements ReadModel {

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public List<String> collections() {
            return List.of();
        }

        @Override
        public Projection projectionInto(ReadModelCollections collections) {
            return new Projection() {
                @Override
                public String readModel() {
                    return "slow";
                }

                @Override
                public ApplyOutcome apply(EventEnvelope envelope) {
                    return ApplyOutcome.APPLIED;
                }

                @Override
                public List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
                    batches.incrementAndGet();
                    clock.addAndGet(perBatch.toNanos());
                    return envelopes.stream().map(envelope -> ApplyOutcome.APPLIED).toList();
                }
            };
        }
    }

    /** A database with no collections: the warm-up only lists them, to drop its scratch ones. */
    private static MongoDatabase noCollections() {
        MongoCursor<?> empty = proxy(MongoCursor.class, (name) -> name.equals("hasNext") ? Boolean.FALSE : null);
        ListCollectionNamesIterable names = proxy(ListCollectionNamesIterable.class, (name) -> name.equals("iterator") ? empty : null);
        return proxy(MongoDatabase.class, (name) -> name.equals("listCollectionNames") ? names : null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Function<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (instance, method, args) -> answers.apply(method.getName()));
    }
}
