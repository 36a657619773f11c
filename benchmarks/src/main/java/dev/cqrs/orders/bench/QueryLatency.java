package dev.cqrs.orders.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * the order view's live collection. The two sides take turns in rounds, and the verdict is the median round's: on two
 * shared cores one slow stretch of the machine puts a tail on whichever side it falls on, and that should move the
 * verdict no more than one round does (docs/benchmark-targets.md, P5).
 */
final class QueryLatency {

    private static final Logger log = LoggerFactory.getLogger(QueryLatency.class);

    static final String READ_DATABASE = "orders_read";

    static final int ROUNDS = 3;

    /** One side's latencies from the intended send time, and its fixed-rate runs (null: not measured). */
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

    /** One round: each side measured once, back to back. */
    record Round(Latencies ours, Latencies raw) {
        double difference() {
            return ours.p99() - raw.p99();
        }
    }

    record Result(Side ours, String collection, Side raw, List<Round> rounds) implements Section {

        /** The median of the rounds' p99 differences (NaN: no round measured both sides). */
        double difference() {
            double[] sorted = rounds.stream().mapToDouble(Round::difference).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        @Override
        public void summary(Markdown out, Results run) {
            Latencies http = ours.latencies();
            Latencies driver = raw.latencies();
            double difference = difference();
            out.row("P5", "GET /orders/{id} at " + run.settings().p5Rate() + "/s, p50 / p99",
                    http == null ? "n/a" : Fmt.ms(http.p50()) + " / " + Fmt.ms(http.p99()) + " ms",
                    driver == null ? "n/a" : Fmt.ms(driver.p50()) + " / " + Fmt.ms(driver.p99()) + " ms, raw driver find by _id",
                    Double.isNaN(difference) ? "n/a" : "p99 " + Fmt.signedMs(difference) + " ms (the median of "
                            + rounds.size() + " rounds)", "p99 difference ≤ 2 ms", Markdown.met(difference <= 2, difference));
        }

        @Override
        public void details(Markdown out, Results run) {
            Settings settings = run.settings();
            out.heading("P5 — query latency");
            out.line("Fixed rate " + settings.p5Rate() + "/s, " + ROUNDS + " rounds of " + settings.p5Duration().toSeconds()
                    + " s in all per side (after " + settings.p5Warmup().toSeconds() + " s of warm-up each), the sides taking"
                    + " turns and the first side alternating by round; ids drawn at random from the orders created so far,"
                    + " latency from the intended send time. Ours: `GET /orders/{id}` (HTTP, Spring MVC, JSON). Baseline: the"
                    + " query the service runs, `find({_id}).projection(exclude appliedEventIds).first()` with"
                    + " mongodb-driver-sync on `" + collection + "`. The verdict takes the median round's p99 difference, so"
                    + " a tail that one round caught on either side does not decide it.");
            out.line();
            out.tableHead("", "latency, all rounds");
            out.line("| ours: GET /orders/{id} | " + ours.summary() + " |");
            out.line("| raw driver find by _id | " + raw.summary() + " |");
            out.line();
            out.tableHead("round", "ours p50 / p99 (ms)", "raw driver p50 / p99 (ms)", "p99 difference");
            for (int i = 0; i < rounds.size(); i++) {
                Round round = rounds.get(i);
                out.line("| " + (i + 1) + " | " + Fmt.ms(round.ours().p50()) + " / " + Fmt.ms(round.ours().p99()) + " | "
                        + Fmt.ms(round.raw().p50()) + " / " + Fmt.ms(round.raw().p99()) + " | "
                        + Fmt.signedMs(round.difference()) + " ms |");
            }
            out.line();
            out.line("**What limits it.** The difference is the HTTP hop and Spring MVC with JSON serialisation of the view, plus"
                    + " metrics and tracing per request; both include the Mongo wire server's lookup. On 2 shared cores the tail is"
                    + " mostly scheduling: a request that arrives while the CPU is taken by something else waits for it.");
            out.line();
        }
    }

    private final Bench bench;
    private Result result = new Result(Side.NONE, "n/a", Side.NONE, List.of());

    QueryLatency(Bench bench) {
        this.bench = bench;
    }

    void measure() throws Exception {
        bench.quiesce("P5");
        List<UUID> ids = bench.orders().ids();
        if (ids.isEmpty()) {
            throw new IllegalStateException("no orders were created, nothing to read");
        }
        String collection = bench.readModels().liveCollections("order-view").get(0);
        try (MongoClient mongo = Databases.mongoClient(bench.system().mongoUri())) {
            MongoCollection<Document> views = mongo.getDatabase(READ_DATABASE).getCollection(collection);
            Load.Scheduled get = (i, intended) -> {
                int status = bench.http().view(randomOf(ids));
                if (status != 200) {
                    throw new IOException("GET /orders/{id} answered " + status);
                }
            };
            Load.Scheduled find = (i, intended) -> {
                Document document = views.find(Filters.eq("_id", randomOf(ids).toString()))
                        .projection(Projections.exclude("appliedEventIds")).first();
                if (document == null) {
                    throw new IOException("no document");
                }
            };
            Settings settings = bench.settings();
            Load.fixedRate(settings.p5Rate(), settings.p5Warmup(), workers(), get);
            Load.fixedRate(settings.p5Rate(), settings.p5Warmup(), workers(), find);
            Pooled ours = new Pooled();
            Pooled raw = new Pooled();
            List<Round> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Latencies oursRound;
                Latencies rawRound;
                if (round % 2 == 0) {
                    oursRound = ours.measure(get);
                    rawRound = raw.measure(find);
                } else {
                    rawRound = raw.measure(find);
                    oursRound = ours.measure(get);
                }
                rounds.add(new Round(oursRound, rawRound));
                result = new Result(ours.side(), collection, raw.side(), List.copyOf(rounds));
            }
        }
        log.info("P5 GET: {}; raw find: {}; p99 difference, median of {} rounds: {} ms", result.ours().latencies().summary(),
                result.raw().latencies().summary(), ROUNDS, Fmt.signedMs(result.difference()));
    }

    Result result() {
        return result;
    }

    private int workers() {
        return Math.max(4, Math.min(32, bench.settings().p5Rate() / 20));
    }

    private static UUID randomOf(List<UUID> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    /** One side's rounds, each recorded on its own and into the whole. */
    private final class Pooled {
        private final Latencies all = new Latencies();
        private Load.FixedRateResult load = Load.FixedRateResult.NONE;

        /** One round of the request at the fixed rate, its latency taken from the intended time. */
        Latencies measure(Load.Scheduled request) throws InterruptedException {
            Latencies latencies = new Latencies();
            Duration round = bench.settings().p5Duration().dividedBy(ROUNDS);
            load = load.plus(Load.fixedRate(bench.settings().p5Rate(), round, workers(), (i, intended) -> {
                request.run(i, intended);
                long nanos = System.nanoTime() - intended;
                latencies.recordNanos(nanos);
                all.recordNanos(nanos);
            }));
            return latencies;
        }

        Side side() {
            return new Side(all, load);
        }
    }
}
