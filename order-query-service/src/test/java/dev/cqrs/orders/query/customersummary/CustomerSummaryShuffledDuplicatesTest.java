package dev.cqrs.orders.query.customersummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.readmodel.MongoWireServer;
import dev.cqrs.orders.query.readmodel.OrderHistories;
import org.bson.Document;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where naive counters double-count: every event is delivered twice, shuffled within what Kafka guarantees (one
 * order's deliveries in partition order with replays, orders interleaved), and applied through the real MongoDB
 * driver. Two such consumers race, each with its own shuffle and three "partition" threads, as during a rebalance
 * hand-over or a rebuild's overlap with the live listener: the same order is then counted by two writers at once.
 * The summaries must equal the ones computed from scratch, counter for counter.
 */
class CustomerSummaryShuffledDuplicatesTest {

    private static final int PARTITIONS = 3;
    private static final int CONSUMERS = 2;

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11, 2024, 90210})
    void everyEventTwiceShuffledCountsEachOrderOnce(long seed) throws Exception {
        Random random = new Random(seed);
        List<List<EventEnvelope>> histories = OrderHistories.randomHistories(random, 120,
                List.of("alice", "bob", "carol", "dave", "erin"), List.of("EUR", "USD", "GBP"));
        List<List<EventEnvelope>> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(OrderHistories.twiceInKafkaOrder(random, histories));
        }
        MongoDatabase database = mongo.freshDatabase("shuffled");
        MongoCollection<Document> facts = database.getCollection(CustomerSummaryFields.FACTS);
        MongoCollection<Document> contributions = database.getCollection(CustomerSummaryFields.CONTRIBUTIONS);
        MongoCollection<Document> summaries = database.getCollection(CustomerSummaryFields.SUMMARIES);
        CustomerSummaryProjection projection = new CustomerSummaryReadModel().projectionInto(database::getCollection);

        applyAsPartitions(projection, consumers);

        GetCustomerSummaryHandler handler = new GetCustomerSummaryHandler(() -> summaries);
        Map<String, CustomerSummary> projected = new TreeMap<>();
        for (String customer : SummariesFromScratch.of(histories).keySet()) {
            projected.put(customer, handler.handle(new GetCustomerSummary(customer)).orElseThrow());
        }
        assertThat(projected).isEqualTo(SummariesFromScratch.of(histories));
        assertThat(summaries.countDocuments()).isEqualTo(projected.size());
        assertThat(facts.countDocuments()).isEqualTo(histories.size());
        assertThat(contributions.countDocuments()).isEqualTo(histories.size());
        assertThat(contributions.countDocuments(Filters.exists(CustomerSummaryFields.PENDING))).isZero();
    }

    /**
     * Like the live listener: one thread per partition, each in delivery order (a key always maps to one partition),
     * for every consumer at once.
     */
    private static void applyAsPartitions(CustomerSummaryProjection projection, List<List<EventEnvelope>> consumers)
            throws Exception {
        List<List<EventEnvelope>> partitions = new ArrayList<>();
        for (List<EventEnvelope> deliveries : consumers) {
            List<List<EventEnvelope>> own = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                own.add(new ArrayList<>());
            }
            for (EventEnvelope delivery : deliveries) {
                own.get(Math.floorMod(delivery.aggregateId().hashCode(), PARTITIONS)).add(delivery);
            }
            partitions.addAll(own);
        }
        ExecutorService threads = Executors.newFixedThreadPool(partitions.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<EventEnvelope> partition : partitions) {
                running.add(threads.submit(() -> partition.forEach(projection::apply)));
            }
            for (Future<?> partition : running) {
                partition.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
