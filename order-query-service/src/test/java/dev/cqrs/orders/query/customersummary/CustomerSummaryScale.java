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
 * The customer summary's cost per event and its largest document, for customers with N orders: the benchmark of
 * "the summary scales per customer" (docs/customer-summary-scale.md). It grows one customer per size through the
 * projection, all in the same collections, then times confirming and shipping some of each one's orders, one event at
 * a time and in batches as the live listener sends them. Order counts do not change while it measures. Against the
 * in-process wire server by default, or {@code -Dscale.mongoUri=mongodb://...} for a real MongoDB.
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

    /**
     * Grows one fresh customer per size in {@code database}, then measures with {@code sample} orders of each. The
     * customers share the collections, so every size is measured against the same total: the wire server scans a
     * whole collection for any filter but a bare {@code _id}, so its cost also grows with the total, whoever the
     * orders belong to. The measurements of the customers alternate, so that drift on a shared machine hits them alike.
     */
    static List<Point> measure(MongoDatabase database, List<Integer> sizes, int sample) {
        CustomerSummaryProjection projection = new CustomerSummaryReadModel().projectionInto(database::getCollection);
        List<List<UUID>> customers = new ArrayList<>();
        for (int orders : sizes) {
            if (orders < 2 * sample) {
                throw new IllegalArgumentException("need at least 2 x " + sample + " orders, not " + orders);
            }
            customers.add(grow(projection, "scale-" + UUID.randomUUID(), orders));
        }
        long[] oneByOneNanos = new long[sizes.size()];
        long[] batchedNanos = new long[sizes.size()];
        for (int version = 2; version <= 3; version++) {
            for (int k = 0; k < sizes.size(); k++) {
                int c = version == 2 ? k : sizes.size() - 1 - k;
                List<UUID> ids = customers.get(c);
                List<EventEnvelope> single = transitions(ids.subList(ids.size() - 2 * sample, ids.size() - sample), version);
                long start = System.nanoTime();
                single.forEach(projection::apply);
                oneByOneNanos[c] += System.nanoTime() - start;
                List<EventEnvelope> batch = transitions(ids.subList(ids.size() - sample, ids.size()), version);
                start = System.nanoTime();
                for (int from = 0; from < batch.size(); from += BATCH) {
                    projection.applyAll(batch.subList(from, Math.min(batch.size(), from + BATCH)));
                }
                batchedNanos[c] += System.nanoTime() - start;
            }
        }
        int summary = largest(database.getCollection(CustomerSummaryFields.SUMMARIES));
        int contribution = largest(database.getCollection(CustomerSummaryFields.CONTRIBUTIONS));
        int facts = largest(database.getCollection(CustomerSummaryFields.FACTS));
        List<Point> points = new ArrayList<>();
        int events = 2 * sample;
        for (int c = 0; c < sizes.size(); c++) {
            points.add(new Point(sizes.get(c), oneByOneNanos[c] / 1000.0 / events, batchedNanos[c] / 1000.0 / events,
                    summary, contribution, facts));
        }
        return points;
    }

    /** Creates the customer's orders through the projection, in batches as a rebuild would send them. */
    private static List<UUID> grow(CustomerSummaryProjection projection, String customer, int orders) {
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
        return ids;
    }

    private static List<EventEnvelope> transitions(List<UUID> orders, long version) {
        Instant at = Instant.ofEpochMilli(1_800_000_000_000L + version);
        return orders.stream().map(order -> EventEnvelope.of(UUID.randomUUID(), version, at,
                version == 2 ? new OrderConfirmed(order) : new OrderShipped(order))).toList();
    }

    /** The encoded size of the collection's largest document, as MongoDB's 16 MB limit counts it. */
    static int largest(MongoCollection<?> collection) {
        int largest = 0;
        for (RawBsonDocument document : collection.withDocumentClass(RawBsonDocument.class).find().batchSize(1000)) {
            largest = Math.max(largest, document.getByteBuffer().remaining());
        }
        return largest;
    }

    /** A warm-up on a scratch database, then every size in one database of its own (both dropped afterwards). */
    static List<Point> run(MongoClient client, List<Integer> sizes, int sample) {
        String run = "scale_" + System.currentTimeMillis();
        System.out.println("[customer-summary scale] warm-up: "
                + measure(client.getDatabase(run + "_warmup"), List.of(4 * sample), sample));
        client.getDatabase(run + "_warmup").drop();
        long start = System.nanoTime();
        List<Point> points = measure(client.getDatabase(run), sizes, sample);
        client.getDatabase(run).drop();
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        points.forEach(point -> System.out.println("[customer-summary scale] " + point + " (" + total
                + " orders in all; run took " + (System.nanoTime() - start) / 1_000_000_000 + " s)"));
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
