package dev.cqrs.orders.bench;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P5: {@code GET /orders/{id}} at a fixed rate, next to the very query the service runs, sent with the raw driver to
 * the order view's live collection.
 */
final class QueryLatency {

    private static final Logger log = LoggerFactory.getLogger(QueryLatency.class);

    static final String READ_DATABASE = "orders_read";

    /** One side's latencies from the intended send time, and its fixed-rate run (null: not measured). */
    record Side(Latencies latencies, Load.FixedRateResult load) {
        static final Side NONE = new Side(null, null);

        String summary() {
            return (latencies == null ? "n/a" : latencies.summary()) + unsent();
        }

        /** A fixed-rate run that could not send everything in its time (plus grace) was overloaded: say so. */
        private String unsent() {
            return load == null || load.unsent() == 0 ? "" : "; **overloaded: " + Markdown.count(load.unsent())
                    + " of " + Markdown.count(load.due()) + " requests never sent**";
        }
    }

    record Result(Side ours, String collection, Side raw) implements Section {

        @Override
        public void summary(Markdown out, Results run) {
            Latencies http = ours.latencies();
            Latencies driver = raw.latencies();
            double difference = http == null || driver == null ? Double.NaN : http.p99() - driver.p99();
            out.row("P5", "GET /orders/{id} at " + run.settings().p5Rate() + "/s, p50 / p99",
                    http == null ? "n/a" : Fmt.ms(http.p50()) + " / " + Fmt.ms(http.p99()) + " ms",
                    driver == null ? "n/a" : Fmt.ms(driver.p50()) + " / " + Fmt.ms(driver.p99()) + " ms, raw driver find by _id",
                    Double.isNaN(difference) ? "n/a" : "p99 " + Fmt.signedMs(difference) + " ms", "p99 difference ≤ 2 ms",
                    Markdown.met(difference <= 2, difference));
        }

        @Override
        public void details(Markdown out, Results run) {
            Settings settings = run.settings();
            out.heading("P5 — query latency");
            out.line("Fixed rate " + settings.p5Rate() + "/s for " + settings.p5Duration().toSeconds() + " s each (after "
                    + settings.p5Warmup().toSeconds() + " s of warm-up), ids drawn at random from the orders created so far, latency"
                    + " from the intended send time. Ours: `GET /orders/{id}` (HTTP, Spring MVC, JSON). Baseline: the query the service"
                    + " runs, `find({_id}).projection(exclude appliedEventIds).first()` with mongodb-driver-sync on `"
                    + collection + "`.");
            out.line();
            out.tableHead("", "latency");
            out.line("| ours: GET /orders/{id} | " + ours.summary() + " |");
            out.line("| raw driver find by _id | " + raw.summary() + " |");
            out.line();
            out.line("**What limits it.** The difference is the HTTP hop and Spring MVC with JSON serialisation of the view, plus"
                    + " metrics and tracing per request; both include the Mongo wire server's lookup. On 2 shared cores the tail is"
                    + " mostly scheduling: a request that arrives while the CPU is taken by something else waits for it.");
            out.line();
        }
    }

    private final Bench bench;
    private Result result = new Result(Side.NONE, "n/a", Side.NONE);

    QueryLatency(Bench bench) {
        this.bench = bench;
    }

    void measure() throws Exception {
        bench.quiesce("P5");
        List<UUID> ids = bench.orders().ids();
        if (ids.isEmpty()) {
            throw new IllegalStateException("no orders were created, nothing to read");
        }
        Side ours = atFixedRate((i, intended) -> {
            int status = bench.http().view(randomOf(ids));
            if (status != 200) {
                throw new IOException("GET /orders/{id} answered " + status);
            }
        });
        result = new Result(ours, "n/a", Side.NONE);
        String collection = bench.readModels().liveCollections("order-view").get(0);
        result = new Result(ours, collection, Side.NONE);
        try (MongoClient mongo = Databases.mongoClient(bench.system().mongoUri())) {
            MongoCollection<Document> views = mongo.getDatabase(READ_DATABASE).getCollection(collection);
            result = new Result(ours, collection, atFixedRate((i, intended) -> {
                Document document = views.find(Filters.eq("_id", randomOf(ids).toString()))
                        .projection(Projections.exclude("appliedEventIds")).first();
                if (document == null) {
                    throw new IOException("no document");
                }
            }));
        }
        log.info("P5 GET: {}; raw find: {}", result.ours().latencies().summary(), result.raw().latencies().summary());
    }

    Result result() {
        return result;
    }

    /** The request at the fixed rate: a warm-up, then the measured run, its latency taken from the intended time. */
    private Side atFixedRate(Load.Scheduled request) throws InterruptedException {
        Settings settings = bench.settings();
        int workers = Math.max(4, Math.min(32, settings.p5Rate() / 20));
        Load.fixedRate(settings.p5Rate(), settings.p5Warmup(), workers, request);
        Latencies latencies = new Latencies();
        Load.FixedRateResult load = Load.fixedRate(settings.p5Rate(), settings.p5Duration(), workers, (i, intended) -> {
            request.run(i, intended);
            latencies.recordNanos(System.nanoTime() - intended);
        });
        return new Side(latencies, load);
    }

    private static UUID randomOf(List<UUID> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
