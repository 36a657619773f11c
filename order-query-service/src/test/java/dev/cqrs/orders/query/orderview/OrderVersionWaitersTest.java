package dev.cqrs.orders.query.orderview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderVersionWaitersTest {

    private final FakeViews views = new FakeViews();
    private final ScheduledExecutorService scheduler = OrderVersionWaiters.scheduler(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private OrderVersionWaiters waiters(Duration recheck, int maxWaiting) {
        return new OrderVersionWaiters(views, scheduler,
                new ReadYourWritesProperties(Duration.ofSeconds(5), Duration.ofSeconds(1), recheck, maxWaiting, 2));
    }

    @Test
    void aViewAlreadyAtTheVersionCompletesAtOnce() throws Exception {
        UUID order = views.put(UUID.randomUUID(), 4);

        CompletableFuture<AwaitedView> answer = waiters(Duration.ofSeconds(10), 10).await(query(order, 3, 5000));

        assertThat(answer).isDone();
        assertThat(answer.get().reached()).isTrue();
        assertThat(answer.get().currentVersion()).isEqualTo(4);
    }

    @Test
    void theListenersSignalCompletesOnlyWaitersItSatisfies() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10);
        UUID order = views.put(UUID.randomUUID(), 1);
        CompletableFuture<AwaitedView> forTwo = waiters.await(query(order, 2, 5000));
        CompletableFuture<AwaitedView> forThree = waiters.await(query(order, 3, 5000));

        views.put(order, 2);
        waiters.applied(order, 2);

        assertThat(forTwo.get().reached()).isTrue();
        assertThat(forThree).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
    }

    @Test
    void withoutAnySignalTheReCheckFindsAVersionAnotherReplicaApplied() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofMillis(20), 10);
        UUID order = UUID.randomUUID();
        CompletableFuture<AwaitedView> answer = waiters.await(query(order, 1, 5000));
        assertThat(answer).isNotDone();

        views.put(order, 1); // applied elsewhere: this replica's listener never calls applied()

        await().atMost(Duration.ofSeconds(2)).until(answer::isDone);
        assertThat(answer.get().reached()).isTrue();
        assertThat(answer.get().waited()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theDeadlineAnswersWithWhatTheViewHasAndCleansUp() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10);
        UUID order = views.put(UUID.randomUUID(), 2);

        AwaitedView answer = waiters.await(query(order, 5, 100)).get();

        assertThat(answer.reached()).isFalse();
        assertThat(answer.currentVersion()).isEqualTo(2);
        assertThat(answer.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void thousandsOfWaitingRequestsHoldNoThreadOfTheirOwn() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10_000);
        int threadsBefore = Thread.activeCount();
        List<UUID> orders = new ArrayList<>();
        List<CompletableFuture<AwaitedView>> answers = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            UUID order = UUID.randomUUID();
            orders.add(order);
            answers.add(waiters.await(query(order, 1, 5000)));
        }

        assertThat(waiters.waiting()).isEqualTo(5_000);
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        // This thread issued them all; only the scheduler's two threads may have been added.
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);

        orders.forEach(order -> {
            views.put(order, 1);
            waiters.applied(order, 1);
        });
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
        assertThat(answers).allMatch(answer -> answer.join().reached());
        // Each answer's clean-up runs right after it completes, possibly just after allOf saw the last one complete.
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.waiting() == 0);
    }

    @Test
    void pastTheLimitOfWaitingRequestsTheAnswerComesAtOnceMarkedStale() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 1);
        UUID order = views.put(UUID.randomUUID(), 1);
        waiters.await(query(order, 2, 5000));

        CompletableFuture<AwaitedView> overflow = waiters.await(query(order, 2, 5000));

        assertThat(overflow).isDone();
        assertThat(overflow.get().reached()).isFalse();
        assertThat(waiters.waiting()).isEqualTo(1);
    }

    @Test
    void aStoreFailureAtTheDeadlineFailsTheAnswerWhileOneDuringReChecksIsRetried() {
        OrderVersionWaiters waiters = waiters(Duration.ofMillis(20), 10);
        UUID order = views.put(UUID.randomUUID(), 1);
        CompletableFuture<AwaitedView> answer = waiters.await(query(order, 2, 300));

        views.failReads = true;
        await().atMost(Duration.ofSeconds(2)).until(() -> views.failedReads.get() >= 3);
        assertThat(answer).isNotDone();

        await().atMost(Duration.ofSeconds(2)).until(answer::isDone);
        assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    private static GetOrder query(UUID order, long minVersion, long waitMillis) {
        return new GetOrder(order, minVersion, Duration.ofMillis(waitMillis));
    }

    /** A read model of views by id whose versions a test moves forward, as the listener would. */
    private static final class FakeViews extends GetOrderHandler {

        private final Map<UUID, Long> versions = new ConcurrentHashMap<>();
        volatile boolean failReads;
        final AtomicInteger failedReads = new AtomicInteger();

        FakeViews() {
            super(() -> {
                throw new UnsupportedOperationException("no MongoDB in this test");
            });
        }

        UUID put(UUID order, long version) {
            versions.put(order, version);
            return order;
        }

        @Override
        Optional<OrderView> handle(GetOrder query) {
            if (failReads) {
                failedReads.incrementAndGet();
                throw new IllegalStateException("injected read failure");
            }
            Long version = versions.get(query.orderId());
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            return Optional.ofNullable(version).map(v -> new OrderView(query.orderId(), "c", OrderStatus.CREATED,
                    List.of(), 0, 0, "EUR", v, now, now, null));
        }
    }
}
