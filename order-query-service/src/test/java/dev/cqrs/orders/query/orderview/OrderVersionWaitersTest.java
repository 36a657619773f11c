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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderVersionWaitersTest {

    private final FakeViews views = new FakeViews();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<OrderVersionWaiters> created = new ArrayList<>();

    @AfterEach
    void stopThreads() {
        created.forEach(OrderVersionWaiters::close);
    }

    private OrderVersionWaiters waiters(Duration recheck, int maxWaiting) {
        return waiters(recheck, recheck.multipliedBy(10), 100, maxWaiting, 2);
    }

    private OrderVersionWaiters waiters(Duration recheck, Duration maxRecheck, int rechecksPerSecond, int maxWaiting,
                                        int threads) {
        OrderVersionWaiters waiters = OrderVersionWaiters.create(views, new ReadYourWritesProperties(Duration.ofSeconds(5),
                Duration.ofSeconds(1), recheck, maxRecheck, rechecksPerSecond, maxWaiting, threads), registry);
        created.add(waiters);
        return waiters;
    }

    private double reads(String reason) {
        return registry.get(OrderVersionWaiters.READS_METRIC).tag("reason", reason).counter().count();
    }

    @Test
    void aViewAlreadyAtTheVersionIsAnsweredByTheFirstRead() throws Exception {
        UUID order = views.put(UUID.randomUUID(), 4);

        CompletableFuture<AwaitedView> answer = waiters(Duration.ofSeconds(10), 10).await(query(order, 3, 5000));

        assertThat(answer.get(1, TimeUnit.SECONDS).reached()).isTrue();
        assertThat(answer.get().currentVersion()).isEqualTo(4);
        assertThat(reads("request")).isEqualTo(1);
    }

    /** The servlet thread that calls await() must never wait for the store: it is what every other request needs. */
    @Test
    void theCallersThreadNeverReads() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10);
        UUID order = views.put(UUID.randomUUID(), 1);
        views.slowReadMillis = 300;

        long started = System.nanoTime();
        CompletableFuture<AwaitedView> answer = waiters.await(query(order, 1, 5000));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(answer.get(2, TimeUnit.SECONDS).reached()).isTrue();
        assertThat(views.readerThreads).allMatch(name -> name.startsWith("read-your-writes-read"));
    }

    @Test
    void theFirstReadsOfRequestsArrivingTogetherShareARoundTrip() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), Duration.ofSeconds(20), 100, 1000, 1);
        views.stuck.set(true); // holds the one reading thread at its first read
        List<CompletableFuture<AwaitedView>> answers = new ArrayList<>();
        answers.add(waiters.await(query(views.put(UUID.randomUUID(), 1), 1, 5000)));
        await().atMost(Duration.ofSeconds(2)).until(() -> views.reads.get() == 1);
        for (int i = 0; i < 99; i++) {
            answers.add(waiters.await(query(views.put(UUID.randomUUID(), 1), 1, 5000)));
        }

        views.stuck.set(false);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(answers).allMatch(answer -> answer.join().reached());
        assertThat(views.reads.get()).isEqualTo(2); // the first request's read, then one for the 99 queued behind it
    }

    @Test
    void aStoreFailureOnTheFirstReadFailsTheRequest() {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10);
        views.failReads = true;

        CompletableFuture<AwaitedView> answer = waiters.await(query(UUID.randomUUID(), 1, 5000));

        assertThatThrownBy(() -> answer.get(2, TimeUnit.SECONDS)).hasRootCauseMessage("injected read failure");
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.waiting() == 0);
    }

    @Test
    void theListenersSignalCompletesOnlyWaitersItSatisfies() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10);
        UUID order = views.put(UUID.randomUUID(), 1);
        CompletableFuture<AwaitedView> forTwo = waiters.await(query(order, 2, 5000));
        CompletableFuture<AwaitedView> forThree = waiters.await(query(order, 3, 5000));
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.lastView(order).isPresent());

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
        await().atMost(Duration.ofSeconds(2)).until(() -> views.reads.get() >= 1);
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
        assertThat(answer.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(90)); // a tenth of the wait is kept
        // get() may return before the completing thread has released the waiter.
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.waiting() == 0);
    }

    @Test
    void theAnswerComesATenthOfTheWaitAndAtMostHalfASecondBeforeTheClientsDeadline() {
        assertThat(OrderVersionWaiters.answerBy(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(4500));
        assertThat(OrderVersionWaiters.answerBy(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(29_500));
        assertThat(OrderVersionWaiters.answerBy(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(900));
        assertThat(OrderVersionWaiters.answerBy(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(90));
        assertThat(OrderVersionWaiters.answerBy(Duration.ZERO)).isEqualTo(Duration.ZERO);
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
        // This thread issued them all; only the timer's thread and the two reading threads may have been added.
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 3);

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
    void pastTheLimitOfWaitingRequestsTheFirstReadAnswersMarkedStale() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 1);
        UUID order = views.put(UUID.randomUUID(), 1);
        CompletableFuture<AwaitedView> waiting = waiters.await(query(order, 2, 5000));

        CompletableFuture<AwaitedView> overflow = waiters.await(query(order, 2, 5000));

        AwaitedView answer = overflow.get(1, TimeUnit.SECONDS);
        assertThat(answer.reached()).isFalse();
        assertThat(answer.currentVersion()).isEqualTo(1);
        assertThat(answer.waited()).isLessThan(Duration.ofSeconds(1));
        assertThat(waiting).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
        assertThat(registry.get(OrderVersionWaiters.ANSWERS_METRIC).tag("outcome", "too-many-waiting").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aStoreFailureDuringReReadsIsRetriedAndTheDeadlineAnswersWithTheLastViewRead() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofMillis(20), Duration.ofMillis(20), 1000, 10, 2);
        UUID order = views.put(UUID.randomUUID(), 1);
        CompletableFuture<AwaitedView> answer = waiters.await(query(order, 2, 300));
        await().atMost(Duration.ofSeconds(2)).until(() -> waiters.lastView(order).isPresent());

        views.failReads = true;
        await().atMost(Duration.ofSeconds(2)).until(() -> views.failedReads.get() >= 3);
        assertThat(answer).isNotDone();

        AwaitedView atDeadline = answer.get();
        assertThat(atDeadline.reached()).isFalse();
        assertThat(atDeadline.currentVersion()).isEqualTo(1);
    }

    @Test
    void manyRequestsForOneOrderShareOneReadPerWakeUp() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 1000);
        UUID order = views.put(UUID.randomUUID(), 1);
        List<CompletableFuture<AwaitedView>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(waiters.await(query(order, 2, 5000)));
        }
        await().atMost(Duration.ofSeconds(2)).until(waiters::readsIdle);
        int readsBefore = views.reads.get();

        views.put(order, 2);
        waiters.applied(order, 2);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();

        assertThat(views.reads.get() - readsBefore).isEqualTo(1);
        assertThat(reads("applied")).isEqualTo(1);
    }

    /** The metastable failure of the old design: deadlines queued behind re-reads on a slow store came seconds late. */
    @Test
    void ordersWokenTogetherAreReadInOneRoundTrip() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), Duration.ofSeconds(20), 100, 1000, 1);
        List<UUID> orders = new ArrayList<>();
        List<CompletableFuture<AwaitedView>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID order = views.put(UUID.randomUUID(), 1);
            orders.add(order);
            answers.add(waiters.await(query(order, 2, 5000)));
        }
        await().atMost(Duration.ofSeconds(2)).until(waiters::readsIdle);
        int firstReads = views.reads.get();
        views.stuck.set(true); // holds the one reading thread, so that every wake-up below queues behind it
        waiters.applied(orders.get(0), 2);
        await().atMost(Duration.ofSeconds(2)).until(() -> views.reads.get() == firstReads + 1);
        int readsBefore = views.reads.get();

        orders.forEach(order -> {
            views.put(order, 2);
            waiters.applied(order, 2);
        });
        views.stuck.set(false);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, java.util.concurrent.TimeUnit.SECONDS);

        // One batch for the orders woken while the only reading thread was held: not 100 round trips.
        assertThat(views.reads.get() - readsBefore).isEqualTo(1);
    }

    @Test
    void theDeadlineCountsFromTheRequestsArrivalNotFromItsFirstRead() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofSeconds(10), 10);
        UUID order = views.put(UUID.randomUUID(), 1);
        views.slowReadMillis = 400; // the first read takes 400 of the 450 ms it may wait

        AwaitedView answer = waiters.await(query(order, 2, 500)).get();

        assertThat(answer.reached()).isFalse();
        assertThat(answer.waited()).isBetween(Duration.ofMillis(450), Duration.ofMillis(750));
    }

    @Test
    void deadlinesAreKeptWhileEveryReadIsStuck() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofMillis(10), Duration.ofMillis(10), 1000, 10_000, 1);
        List<CompletableFuture<AwaitedView>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            answers.add(waiters.await(query(UUID.randomUUID(), 1, 200)));
        }
        views.stuck.set(true); // the store stops answering: every read from now on hangs
        long started = System.nanoTime();

        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().reached()).isFalse());
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().waited()).isLessThan(Duration.ofMillis(1500)));
        views.stuck.set(false);
    }

    @Test
    void fallbackReReadsOfAllOrdersTogetherStayWithinTheirBudget() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofMillis(10), Duration.ofMillis(10), 50, 10_000, 2);
        for (int i = 0; i < 1000; i++) {
            waiters.await(query(UUID.randomUUID(), 1, 5000));
        }
        long started = System.nanoTime();

        // One second's burst plus the rate, all along: without the budget, 1000 orders every 10 ms would be 100,000
        // reads a second.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() ->
                reads("recheck") <= 50 + 50 * ((System.nanoTime() - started) / 1e9 + 0.5));
        assertThat(reads("recheck")).isGreaterThanOrEqualTo(1.0);
        assertThat(reads("recheck-over-budget")).isGreaterThan(1000);
    }

    @Test
    void anOrdersFallbackReReadsBackOff() throws Exception {
        OrderVersionWaiters waiters = waiters(Duration.ofMillis(20), Duration.ofSeconds(2), 1000, 10, 2);
        waiters.await(query(UUID.randomUUID(), 1, 5000));

        // 20, 40, 80, 160, 320, 640 ms: six re-reads in 1.26 s where a fixed 20 ms would make 65.
        await().during(Duration.ofMillis(1300)).atMost(Duration.ofSeconds(2)).until(() -> reads("recheck") <= 7.0);
        assertThat(reads("recheck")).isGreaterThanOrEqualTo(4.0);
    }

    private static GetOrder query(UUID order, long minVersion, long waitMillis) {
        return new GetOrder(order, minVersion, Duration.ofMillis(waitMillis));
    }

    /** A read model of views by id whose versions a test moves forward, as the listener would. */
    private static final class FakeViews extends GetOrderHandler {

        private final Map<UUID, Long> versions = new ConcurrentHashMap<>();
        volatile boolean failReads;
        final AtomicInteger failedReads = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final java.util.Set<String> readerThreads = ConcurrentHashMap.newKeySet();
        volatile long slowReadMillis;
        final java.util.concurrent.atomic.AtomicBoolean stuck = new java.util.concurrent.atomic.AtomicBoolean();

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
            return Optional.ofNullable(handleAll(List.of(query.orderId())).get(query.orderId()));
        }

        /** One call is one round trip, however many orders it reads. */
        @Override
        Map<UUID, OrderView> handleAll(java.util.Collection<UUID> orderIds) {
            reads.incrementAndGet();
            readerThreads.add(Thread.currentThread().getName());
            if (slowReadMillis > 0) {
                long until = System.nanoTime() + slowReadMillis * 1_000_000;
                await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() >= until);
            }
            if (stuck.get() && Thread.currentThread().getName().startsWith("read-your-writes")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !stuck.get());
            }
            if (failReads) {
                failedReads.incrementAndGet();
                throw new IllegalStateException("injected read failure");
            }
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            Map<UUID, OrderView> found = new java.util.HashMap<>();
            for (UUID order : orderIds) {
                Long version = versions.get(order);
                if (version != null) {
                    found.put(order, new OrderView(order, "c", OrderStatus.CREATED, List.of(), 0, 0, "EUR", version, now,
                            now, null));
                }
            }
            return found;
        }
    }
}
