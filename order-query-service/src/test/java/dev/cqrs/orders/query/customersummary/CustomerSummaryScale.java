package dev.cqrs.orders.query.customersummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.bson.RawBsonDocument;

/**
 * The customer summary's cost per event and its largest document, for one customer with N orders: the benchmark of
 * "the summary scales per customer" (docs/benchmarks.md). It grows one customer to N orders through the projection,
 * then times confirming and shipping some of them, one event at a time and in batches as the live listener sends
 * them. The order count stays N while it measures. Against the in-process wire server by default, or
 * {@code -Dscale.mongoUri=mongodb://...} for a real MongoDB.
 * <pre>java -cp ... dev.cqrs.orders.query.customersummary.CustomerSummaryScale 1000,200000 [sampleOrders]</pre>
 */
final class CustomerSummaryScale {

    private static final int GROWTH_BATCH = 500;
    private static final int BATCH = 100;

    /** One measurement at {@code orders} orders of one customer; times in microseconds per event. */
    record Point(int orders, double oneByOneMicros, double batchedMicros, int largestSummaryBytes,
                 int largestContributionBytes, int largestFactsBytes) {

        int largestSummarySideBytes() {
            return Math.max(largestSummaryBytes, Math.max(largestContributionBytes, largestFactsBytes));
        }

        @Override
        public String toString() {
            return String.format("orders=%d oneByOne=%.1fus/event batched=%.1fus/event largest: summary=%dB "
                            + "contribution=%dB facts=%dB", orders, oneByOneMicros, batchedMicros, largestSummaryBytes,
                    largestContributionBytes, largestFactsBytes);
        }
    }

    private CustomerSummaryScale() {
    }

    /** Grows a fresh customer in {@code database} to {@code orders} orders, then measures with {@code sample} of them. */
    static Point measure(MongoDatabase database, int orders, int sample) {
        if (orders < 2 * sample) {
            throw new IllegalArgumentException("need at least two samples' worth of orders: " + orders + " < 2 x " + sample);
        }
        CustomerSummaryProjection projection = new CustomerSummaryReadModel().projection(database::getCollection);
        String customer = "scale-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>(orders);
        List<EventEnvelope> creations = new ArrayList<>(GROWTH_BATCH);
        for (int i = 0; i < orders; i++) {
            UUID order = UUID.randomUUID();
            ids.add(order);
            creations.add(EventEnvelope.of(UUID.randomUUID(), 1, Instant.ofEpochMilli(1_700_000_000_000L + i),
                    new OrderCreated(order, customer, i % 5 == 0 ? "USD" : "EUR", List.of(new LineItem("SKU", 1, 100 + i)))));
            if (creations.size() == GROWTH_BATCH || i == orders - 1) {
                projection.applyAll(creations);
                creations.clear();
            }
        }
        List<UUID> oneByOne = ids.subList(ids.size() - 2 * sample, ids.size() - sample);
        List<UUID> batched = ids.subList(ids.size() - sample, ids.size());
        long oneByOneNanos = 0;
        long batchedNanos = 0;
        for (int version = 2; version <= 3; version++) {
            List<EventEnvelope> single = transitions(oneByOne, version);
            long start = System.nanoTime();
            single.forEach(projection::apply);
            oneByOneNanos += System.nanoTime() - start;
            List<EventEnvelope> batch = transitions(batched, version);
            start = System.nanoTime();
            for (int from = 0; from < batch.size(); from += BATCH) {
                projection.applyAll(batch.subList(from, Math.min(batch.size(), from + BATCH)));
            }
            batchedNanos += System.nanoTime() - start;
        }
        int events = 2 * sample;
        return new Point(orders, oneByOneNanos / 1000.0 / events, batchedNanos / 1000.0 / events,
                largest(database.getCollection(CustomerSummaryFields.SUMMARIES)),
                largest(database.getCollection(CustomerSummaryFields.CONTRIBUTIONS)),
                largest(database.getCollection(CustomerSummaryFields.FACTS)));
    }

    private static List<EventEnvelope> transitions(List<UUID> orders, long version) {
        Instant at = Instant.ofEpochMilli(1_800_000_000_000L + version);
        return orders.stream().map(order -> EventEnvelope.of(UUID.randomUUID(), version, at,
                version == 2 ? new OrderConfirmed(order) : new OrderShipped(order))).toList();
    }

    /** The encoded size of the collection's largest document, as MongoDB's 16 MB limit counts it. */
    static int largest(MongoCollection<?> collection) {
        int largest = 0;
        for (RawBsonDocument document : collection.withDocumentClass(RawBsonDocument.class).find()) {
            largest = Math.max(largest, document.getByteBuffer().remaining());
        }
        return largest;
    }

    /** A warm-up on a scratch database, then one fresh customer per size, each in a database dropped afterwards. */
    static List<Point> run(MongoClient client, List<Integer> sizes, int sample) {
        String run = "scale_" + System.currentTimeMillis();
        System.out.println("[customer-summary scale] warm-up: " + measure(client.getDatabase(run + "_warmup"), 4 * sample, sample));
        client.getDatabase(run + "_warmup").drop();
        List<Point> points = new ArrayList<>();
        for (int orders : sizes) {
            MongoDatabase database = client.getDatabase(run + "_" + orders);
            Point point = measure(database, orders, sample);
            System.out.println("[customer-summary scale] " + point);
            points.add(point);
            database.drop();
        }
        return points;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length > 0 ? args[0] : "1000,200000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String uri = System.getProperty("scale.mongoUri");
        MongoNode node = uri == null ? MongoNode.start(null, Ports.free()) : null;
        try (MongoClient client = MongoClients.create(uri == null ? node.connectionString() : uri)) {
            run(client, sizes, sample);
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }
}
