package dev.cqrs.orders.query.customersummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.cqrs.orders.query.readmodel.MongoWireServer;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MongoDB store honours the store contract, over the wire protocol with the real driver; and a move interrupted
 * between its writes (a crash, a racer, a replay much later) is finished exactly once, or refused when that cannot be
 * told.
 */
class MongoCustomerSummaryStoreTest extends CustomerSummaryStoreContract {

    private static final int SMALL_WINDOW = 3;
    private static final Date MONDAY = new Date(1_700_000_000_000L);

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    private MongoCollection<Document> contributions;
    private MongoCollection<Document> summaries;

    @Override
    protected CustomerSummaryStore newStore() {
        return store(SummaryCounters.WINDOW);
    }

    private MongoCustomerSummaryStore store(int window) {
        MongoDatabase database = mongo.freshDatabase("contract");
        contributions = database.getCollection(CustomerSummaryFields.CONTRIBUTIONS);
        summaries = database.getCollection(CustomerSummaryFields.SUMMARIES);
        return new MongoCustomerSummaryStore(() -> contributions, () -> summaries, window);
    }

    @Test
    void aMoveRecordedButNotTakenIsTakenOnceByWhoeverReadsTheOrderNext() {
        MongoCustomerSummaryStore store = store(SMALL_WINDOW);
        OrderFacts created = facts("c-1", OrderStatus.CREATED, 1);
        store.recount(created, null);
        Contribution cancelled = recordMove(facts("c-1", OrderStatus.CANCELLED, 2), OrderStatus.CREATED);

        assertThat(store.counted("c-1", created.orderId())).contains(new CountedOrder(2, OrderStatus.CANCELLED));
        assertThat(store.counted("c-1", created.orderId())).contains(new CountedOrder(2, OrderStatus.CANCELLED));

        assertThat(counts("c-1")).isEqualTo(counts(0, 0, 0, 1));
        assertThat(contributions.find(Filters.exists("pending")).first()).isNull();
        assertThat(cancelled.pending()).isNotNull();
    }

    @Test
    void aMoveTakenButNotClearedIsNotTakenAgain() {
        MongoCustomerSummaryStore store = store(SMALL_WINDOW);
        OrderFacts created = facts("c-1", OrderStatus.CREATED, 1);
        store.recount(created, null);
        Contribution confirmed = recordMove(facts("c-1", OrderStatus.CONFIRMED, 2), OrderStatus.CREATED);
        assertThat(counters().take(confirmed)).isEqualTo(SummaryCounters.Taken.NOW);
        // Two more moves of the customer: still inside the window of three.
        store.recount(facts("c-1", OrderStatus.CREATED, 1), null);
        store.recount(facts("c-1", OrderStatus.CREATED, 1), null);

        assertThat(store.counted("c-1", created.orderId())).contains(new CountedOrder(2, OrderStatus.CONFIRMED));
        assertThat(counters().take(confirmed)).isEqualTo(SummaryCounters.Taken.BEFORE);

        assertThat(counts("c-1")).isEqualTo(counts(2, 1, 0, 0));
    }

    @Test
    void aMoveFoundOnlyAfterMoreMovesThanTheWindowIsRefusedRatherThanGuessed() {
        MongoCustomerSummaryStore store = store(SMALL_WINDOW);
        OrderFacts created = facts("c-1", OrderStatus.CREATED, 1);
        store.recount(created, null);
        Contribution confirmed = recordMove(facts("c-1", OrderStatus.CONFIRMED, 2), OrderStatus.CREATED);
        counters().take(confirmed);
        for (int i = 0; i <= SMALL_WINDOW; i++) {
            store.recount(facts("c-1", OrderStatus.CREATED, 1), null);
        }
        Document before = summaries.find().first();

        assertThatThrownBy(() -> store.counted("c-1", created.orderId())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot tell").hasMessageContaining("/admin/rebuilds/customer-summary");

        assertThat(summaries.find().first()).isEqualTo(before);
        assertThat(counts("c-1")).isEqualTo(counts(4, 1, 0, 0));
    }

    @Test
    void ordersABatchCreatedAreCountedWithoutReadingTheirContributions() {
        store(SummaryCounters.WINDOW);
        List<String> reads = new ArrayList<>();
        MongoCollection<Document> counting = readCounting(contributions, reads);
        MongoCustomerSummaryStore store = new MongoCustomerSummaryStore(() -> counting, () -> summaries);
        OrderFacts first = facts("c-1", OrderStatus.CREATED, 1);
        OrderFacts second = facts("c-2", OrderStatus.CREATED, 1);

        assertThat(store.recountAll(List.of(first, second), Set.of(first.orderId(), second.orderId())))
                .containsOnlyKeys(first.orderId(), second.orderId());
        assertThat(reads).isEmpty();
        assertThat(store.recountAll(List.of(facts(first.orderId(), "c-1", OrderStatus.CONFIRMED, 2)), Set.of()))
                .containsOnlyKeys(first.orderId());
        assertThat(reads).containsExactly("find");

        assertThat(counts("c-1")).isEqualTo(counts(0, 1, 0, 0));
        assertThat(counts("c-2")).isEqualTo(counts(1, 0, 0, 0));
        assertThat(contributions.find(Filters.exists("pending")).first()).isNull();
    }

    @Test
    void racersFinishingTheSameMoveTakeItOnce() throws Exception {
        MongoCustomerSummaryStore store = store(SummaryCounters.WINDOW);
        List<OrderFacts> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            OrderFacts created = facts("c-1", OrderStatus.CREATED, 1);
            store.recount(created, null);
            recordMove(facts(created.orderId(), "c-1", OrderStatus.SHIPPED, 3), OrderStatus.CREATED);
            orders.add(created);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int racer = 0; racer < 4; racer++) {
                racers.add(threads.submit(() -> orders.forEach(order -> store.counted("c-1", order.orderId()))));
            }
            for (Future<?> racer : racers) {
                racer.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(counts("c-1")).isEqualTo(counts(0, 0, 40, 0));
        assertThat(contributions.find(Filters.exists("pending")).first()).isNull();
    }

    /** The collection, noting each read ({@code find}) made through it. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> readCounting(MongoCollection<Document> collection, List<String> reads) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(MongoCollection.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        reads.add(method.getName());
                    }
                    try {
                        return method.invoke(collection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Step 1 of a move alone, as a process that died right after it would have left it. */
    private Contribution recordMove(OrderFacts order, OrderStatus from) {
        long seq = counters().seqs(List.of(order.customerId())).getOrDefault(order.customerId(), 0L);
        Contribution moved = new Contribution(order, PendingMove.after(seq, from));
        contributions.replaceOne(Filters.eq("_id", order.orderId()), moved.toDocument(), new ReplaceOptions().upsert(true));
        return moved;
    }

    private SummaryCounters counters() {
        return new SummaryCounters(summaries, SMALL_WINDOW);
    }

    private OrderFacts lastFacts;

    /** An order of the customer: a new one at version 1, else the last one at a later version. */
    private OrderFacts facts(String customer, OrderStatus status, long version) {
        String orderId = version == 1 ? UUID.randomUUID().toString() : lastFacts.orderId();
        lastFacts = facts(orderId, customer, status, version);
        return lastFacts;
    }

    private static OrderFacts facts(String orderId, String customer, OrderStatus status, long version) {
        return new OrderFacts(orderId, customer, "EUR", 100, MONDAY, status, version);
    }

    private Document counts(String customer) {
        return summaries.find(Filters.eq("_id", customer)).first().get("counts", Document.class);
    }

    private static Document counts(long created, long confirmed, long shipped, long cancelled) {
        return new Document("CREATED", created).append("CONFIRMED", confirmed).append("SHIPPED", shipped)
                .append("CANCELLED", cancelled);
    }
}
