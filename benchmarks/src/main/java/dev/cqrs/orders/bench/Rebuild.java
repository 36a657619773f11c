package dev.cqrs.orders.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import dev.cqrs.orders.local.Component;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * P4: a rebuild of the order view through the query service's admin API, timed from the request until it has copied the
 * topic (at most {@link Settings#p4MaxTime()}: the rate is steady long before a large topic is through), then the same
 * documents bulk-inserted with the raw driver.
 */
final class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/admin/rebuilds/order-view";
    /** The order view's creation time (OrderViewFields.CREATED_AT in the query service). */
    private static final String CREATED_AT = "createdAt";

    /** What the rebuild applied, in how long, into which collection; {@code complete} when it copied the whole topic. */
    record Copy(long events, double seconds, double serverRate, boolean complete, long remaining, String collection,
                CpuMeter.Usage cpu) {
        static final Copy NONE = new Copy(0, Double.NaN, Double.NaN, false, 0, null, null);

        double rate() {
            return events / seconds;
        }
    }

    /**
     * The same documents through {@code insertMany}: {@code seconds} in the order the orders were created, as the topic
     * holds them; {@code secondsById} sorted by {@code _id}, which the earlier reports used (see {@link #bulkInsert}).
     */
    record Bulk(long documents, double seconds, double secondsById, CpuMeter.Usage cpu) {
        static final Bulk NONE = new Bulk(0, Double.NaN, Double.NaN, null);

        double rate() {
            return documents / seconds;
        }

        double rateById() {
            return documents / secondsById;
        }
    }

    record Result(String method, Copy rebuild, Bulk bulk) implements Section {

        @Override
        public void summary(Markdown out, Results run) {
            double ratio = rebuild.rate() / bulk.rate();
            out.row("P4", "projection rebuild from Kafka into the read store (order view, " + Markdown.count(rebuild.events())
                            + " events)",
                    Fmt.rate(rebuild.rate()) + " events/s", Fmt.rate(bulk.rate()) + " documents/s, raw insertMany of the same"
                            + " documents in the topic's order, same driver and server",
                    Fmt.ratio(ratio), "≥ 0.5", Markdown.met(ratio >= 0.5, ratio));
        }

        @Override
        public void details(Markdown out, Results run) {
            out.heading("P4 — projection rebuild");
            out.line("Method: " + method + ". The figure is events applied ÷ the time from the request until the rebuild"
                    + (rebuild.complete() ? " had copied the topic (it then switches the alias and drains)"
                    : " had run for " + run.settings().p4MaxTime().toSeconds() + " s (then it was stopped, with "
                    + Markdown.count(rebuild.remaining()) + " events to go: the rate is steady long before that)")
                    + ": " + Markdown.count(rebuild.events()) + " events in " + Fmt.num(rebuild.seconds(), 1)
                    + " s; the service itself reported " + Fmt.rate(rebuild.serverRate()) + " events/s. It runs right after P1 and P5,"
                    + " once every read model had applied everything live (so none of them competes for the CPU and the Mongo wire"
                    + " server). Baseline: the "
                    + Markdown.count(bulk.documents()) + " documents the rebuild wrote, read back as raw BSON and"
                    + " bulk-inserted with `insertMany` (batches of 500, unordered) into a fresh collection of the same database,"
                    + " with the same driver (mongodb-driver-sync) and server, with the query service "
                    + (rebuild.complete() ? "idle" : "stopped") + ", in the order the orders were created (`createdAt`), as"
                    + " the topic holds them: " + Fmt.num(bulk.seconds(), 1) + " s. Every event here is an OrderCreated, so"
                    + " one event is one document. The same documents sorted by `_id` (the order in which the wire server"
                    + " reads them back, and the baseline of the reports before 2026-12-05 10:00) took "
                    + Fmt.num(bulk.secondsById(), 1) + " s, " + Fmt.rate(bulk.rateById()) + " documents/s: ascending keys"
                    + " fill the store's B-tree one leaf at a time, where random order ids touch a different leaf each.");
            out.line();
            CpuText.rateTable(out, "rate", "CPU (cores)",
                    new CpuText.Run("ours: rebuild", Fmt.rate(rebuild.rate()) + " events/s", rebuild.cpu()),
                    new CpuText.Run("raw insertMany", Fmt.rate(bulk.rate()) + " documents/s", bulk.cpu()));
            out.line();
            out.line("**What limits it.** The rebuild reads up to `REBUILD_BATCH_SIZE` records per poll and applies each"
                    + " partition's share as one batch with the live projection's idempotent writes: one read of the documents the"
                    + " batch touches (to decide duplicates, stale events and gaps in memory), then one ordered bulk of inserts and"
                    + " conditional updates that record each event id, then a checkpoint write; the baseline sends 500 finished"
                    + " documents per round trip, with no read and no checkpoint. The Mongo wire server (mongo-java-server with its"
                    + " H2 backend, not a real mongod) does the work of both and is single-node Java: its CPU is in the table.");
            out.line();
        }
    }

    private final Bench bench;
    private Result result = new Result("n/a", Copy.NONE, Bulk.NONE);

    Rebuild(Bench bench) {
        this.bench = bench;
    }

    void measure() throws Exception {
        bench.quiesce("P4");
        HttpResponse<String> started = bench.http().send("POST", bench.system().queryUrl() + PATH, null);
        if (started.statusCode() != 202) {
            result = new Result("not measured: POST " + PATH + " answered " + started.statusCode(), Copy.NONE, Bulk.NONE);
            throw new IllegalStateException(result.method() + ": " + started.body());
        }
        String method = "`POST " + PATH + "`: the whole topic, from offset 0, into a fresh generation";
        result = new Result(method, Copy.NONE, Bulk.NONE);
        Copy copy = copy();
        result = new Result(method, copy, Bulk.NONE);
        if (!copy.complete()) {
            // Stops the rebuild (it checkpoints and would resume at the next start), so the baseline runs alone.
            bench.system().stop(Component.QUERY);
        }
        result = new Result(method, copy, bulkInsert(copy.collection()));
        if (!copy.complete()) {
            // Back for the phases that follow; the unfinished rebuild resumes there once its lease has expired.
            bench.system().start(Component.QUERY);
            bench.notes().add("P4: the rebuild had not copied the topic after " + bench.settings().p4MaxTime().toSeconds()
                    + " s; it was measured that far, stopped with the query service for the baseline, and resumed later");
        } else {
            // Let the rebuild finish (switch, drain, drop the old generation) before anything else runs.
            awaitDone(Duration.ofSeconds(60));
        }
    }

    Result result() {
        return result;
    }

    /** One more rebuild of the order view, waited for until it is done: for a profile, not a figure. */
    void runUnmeasured() throws Exception {
        HttpResponse<String> started = bench.http().send("POST", bench.system().queryUrl() + PATH, null);
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST " + PATH + " answered " + started.statusCode() + ": " + started.body());
        }
        awaitDone(bench.settings().p4MaxTime());
    }

    /** Polls the rebuild's status until it is done, at most {@code timeout}. */
    private void awaitDone(Duration timeout) throws Exception {
        long doneBy = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < doneBy && !"DONE".equals(status().path("state").asString())) {
            Thread.sleep(250);
        }
    }

    /** Polls the rebuild's status until it has copied the topic, or until the time cap. */
    private Copy copy() throws Exception {
        CpuMeter.Window window = bench.cpu().start();
        long start = System.nanoTime();
        long cap = start + bench.settings().p4MaxTime().toNanos();
        JsonNode status;
        boolean capped = false;
        while (true) {
            Thread.sleep(100);
            status = status();
            String state = status.path("state").asString();
            if ("FAILED".equals(state)) {
                throw new IllegalStateException("the rebuild failed: " + status.path("error").asString());
            }
            if (!"COPYING".equals(state)) {
                break;
            }
            if (System.nanoTime() > cap) {
                capped = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Usage cpu = window.stop();
        long remaining = status.path("remainingEvents").asLong(0);
        Copy copy = new Copy(status.path("eventsApplied").asLong(), seconds, status.path("eventsPerSecond").asDouble(Double.NaN),
                !capped, capped ? remaining : 0, status.path("collections").path(0).asString(), cpu);
        log.info("P4 rebuild: {} events in {} s = {} events/s (server says {}), into {}{}", copy.events(),
                Fmt.num(copy.seconds(), 1), Fmt.rate(copy.rate()), Fmt.rate(copy.serverRate()), copy.collection(),
                capped ? "; stopped measuring with " + remaining + " events to go" : "");
        return copy;
    }

    /**
     * The baseline: the same documents, bulk-inserted with the same driver into the same server, in the order the rebuild
     * wrote them (the topic's, which is the orders' creation order). The wire server reads a collection back sorted by
     * {@code _id}; inserted in that order the documents cost its B-tree a fraction of what random order ids cost, so
     * that order is measured too, and reported beside, not used as the baseline.
     */
    private Bulk bulkInsert(String collection) {
        Bulk bulk;
        try (MongoClient mongo = Databases.mongoClient(bench.system().mongoUri())) {
            MongoDatabase database = mongo.getDatabase(QueryLatency.READ_DATABASE);
            List<RawBsonDocument> byId = new ArrayList<>();
            for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class).find()) {
                byId.add(document);
            }
            byId.sort(Comparator.comparing(document -> document.getString("_id").getValue()));
            List<RawBsonDocument> created = new ArrayList<>(byId);
            created.sort(Comparator.comparingLong(document -> document.getDateTime(CREATED_AT).getValue()));
            CpuMeter.Window window = bench.cpu().start();
            double seconds = insertAll(database, created);
            CpuMeter.Usage cpu = window.stop();
            bulk = new Bulk(created.size(), seconds, insertAll(database, byId), cpu);
        }
        log.info("P4 bulk insertMany: {} documents/s in creation order, {} sorted by _id", Fmt.rate(bulk.rate()),
                Fmt.rate(bulk.rateById()));
        return bulk;
    }

    /** Seconds to insert the documents in batches of 500 into a fresh collection, which is dropped afterwards. */
    private static double insertAll(MongoDatabase database, List<RawBsonDocument> documents) {
        MongoCollection<RawBsonDocument> target = database.getCollection("bench_p4_bulk", RawBsonDocument.class);
        target.drop();
        long start = System.nanoTime();
        for (int from = 0; from < documents.size(); from += 500) {
            target.insertMany(documents.subList(from, Math.min(documents.size(), from + 500)),
                    new InsertManyOptions().ordered(false));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        target.drop();
        return seconds;
    }

    private JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> response = bench.http().send("GET", bench.system().queryUrl() + PATH, null);
        return JSON.readTree(response.body());
    }
}
