package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P2: the delay from commit to visible on the query side at fixed offered loads, through our relay, then with a polling
 * relay in its place: the command service runs with RELAY_ENABLED=false, a trigger copies its outbox inserts into a
 * table that stays, and {@link PollingRelay} publishes from there.
 */
final class CommitToVisible {

    private static final Logger log = LoggerFactory.getLogger(CommitToVisible.class);

    static final String PLOT_FILE = "benchmarks-p2.png";

    /** One offered load of P2 through one relay. */
    record Run(int rate, double seconds, long due, long created, long checked, long visible, long missing, Latencies commitToVisible,
               Latencies intendedToVisible, Latencies post, CpuMeter.Usage cpu, double relayMeanMs, double projectionMeanMs,
               long unsent, String lastMiss, Hops hops) {

        /** Cores busy with the system under test (the services, PostgreSQL, Kafka, the Mongo wire server), not the harness. */
        double systemCores() {
            return cpu == null ? Double.NaN
                    : (cpu.ours() - cpu.seconds().getOrDefault(CpuMeter.HARNESS, 0.0)) / cpu.wallSeconds();
        }
    }

    /**
     * Every offered load through each relay, the lightest through ours right after start ({@code fresh}, null if it did
     * not run), the CPU of an idle system ({@code idle}), and each read model's lag at points of the run.
     */
    record Result(List<Run> ours, List<Run> polling, Run fresh, CpuMeter.Usage idle, List<String> readModelSnapshots)
            implements Section {

        /**
         * Polling p99 ÷ ours p99, only when every followed order became visible in both runs: a missing order is a delay
         * beyond 30 s that no percentile holds, so a p99 over the few that made it would flatter that run (the run that
         * taught this is in docs/benchmark-harness.md).
         */
        static double tailRatio(Run ours, Run polling) {
            if (ours == null || polling == null || ours.missing() > 0 || polling.missing() > 0 || ours.visible() == 0) {
                return Double.NaN;
            }
            return polling.commitToVisible().p99() / ours.commitToVisible().p99();
        }

        @Override
        public void summary(Markdown out, Results run) {
            P2Targets.summary(out, this);
        }

        @Override
        public void details(Markdown out, Results run) {
            out.heading("P2 — commit→visible delay");
            out.line("Fixed offered load, wrk2-style: order i is due at start + i/rate; `POST /orders` from a pool of workers, then"
                    + " `GET /orders/{id}?minVersion=1&waitMs=5000` (read-your-writes: the query service answers the moment its"
                    + " order view has the order; an early 404 or stale answer is retried after 25 ms). Every order is POSTed; about 50 a"
                    + " second of them (every k-th) are followed to the query side, so that waiting GETs never become a load of"
                    + " their own (column *followed*); a followed order not visible within 30 s counts as missing. **commit→visible** runs from"
                    + " the POST's 201 (the transaction committed) to the GET's 200; **intended→visible** from the order's due time,"
                    + " so it also holds any queueing of the POST (coordinated-omission safe). Percentiles from HdrHistogram.");
            out.line();
            out.line("The comparison, **polling relay**: the same command service (relaunched with `RELAY_ENABLED=false`, same JVM"
                    + " options), the same POSTs, the same query service and GETs, run right after ours. A BEFORE INSERT trigger"
                    + " redirects each row the service writes to `outbox` into `bench_polling_outbox`, which keeps it (the service's"
                    + " same-transaction DELETE then finds nothing); `PollingRelay` (in this module) runs `SELECT … ORDER BY seq"
                    + " LIMIT 500 FOR UPDATE SKIP LOCKED` every 100 ms (at once again after a full batch), sends the rows to the same"
                    + " topic with the same key, value and headers and the same producer settings as ours, waits for the acks,"
                    + " deletes them and commits. Each run starts when every order so far is published and every read model (not only the order view) has"
                    + " applied it, so a run never pays for the backlog of an earlier one (the lines below say how long that took)."
                    + " Offered loads the system cannot take leave requests unsent after the run's time plus 5 s (column"
                    + " *unsent*); their queueing shows in intended→visible.");
            out.line();
            out.line("![P2 delay distribution](" + PLOT_FILE + ")");
            out.line();
            out.tableHead("relay", "offered/s", "created", "unsent", "followed", "visible", "missing",
                    "commit→visible p50 / p90 / p99 / p99.9 / max ms", "intended→visible p99 ms", "POST p99 ms",
                    "mean commit→published / commit→applied ms", "cores busy (others)");
            List<Run> freshRuns = fresh == null ? List.of() : List.of(fresh);
            for (List<Run> runs : List.of(freshRuns, ours, polling)) {
                for (Run each : runs) {
                    Latencies d = each.commitToVisible();
                    out.line("| " + (runs == freshRuns ? "ours, fresh (right after start)" : runs == ours ? "ours (Debezium, WAL)"
                            : "polling (100 ms)") + " | "
                            + Markdown.count(each.rate()) + " | " + each.created() + " | " + each.unsent() + " | "
                            + each.checked() + " | " + each.visible() + " | " + each.missing() + " | " + Fmt.ms(d.p50()) + " / " + Fmt.ms(d.ms(90)) + " / " + Fmt.ms(d.p99()) + " / "
                            + Fmt.ms(d.ms(99.9)) + " / " + Fmt.ms(d.maxMs()) + " | " + Fmt.ms(each.intendedToVisible().p99()) + " | "
                            + Fmt.ms(each.post().p99()) + " | " + Fmt.ms(each.relayMeanMs()) + " / " + Fmt.ms(each.projectionMeanMs())
                            + " | " + CpuText.busy(each.cpu()) + " |");
                }
            }
            out.line();
            StringBuilder times = new StringBuilder();
            for (Run each : ours) {
                Run other = sameRate(polling, each.rate());
                if (other != null) {
                    double ratio = tailRatio(each, other);
                    times.append(times.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%,d/s: %s", each.rate(),
                            Double.isNaN(ratio) ? "n/a (followed orders went missing)" : Fmt.num(ratio, 1) + "×"));
                }
            }
            out.line("Polling p99 ÷ our p99: " + (times.length() == 0 ? "n/a" : times) + " (goal ≥ 3×). The means in the"
                    + " second-to-last column come from the services' own timers over the run (`orders_relay_commit_to_publish_seconds`"
                    + " of the command service; `orders_projection_delay_seconds{readModel=\"order-view\"}` of the query service, from"
                    + " the command's timestamp to applied), so they split the delay into relay and projection; they start at the"
                    + " transaction's clock reading, slightly before the commit.");
            out.line();
            P2Targets.hops(out, this);
            P2Targets.coresByProcess(out, this);
            P2Targets.idle(out, idle);
            if (!readModelSnapshots.isEmpty()) {
                out.line("Every read model's lag as the query service reported it (`GET /admin/read-models`; only the order view"
                        + " decides visibility here, but all of them share the query service's CPU and the Mongo wire server):");
                out.line();
                for (String snapshot : readModelSnapshots) {
                    out.line("- " + snapshot);
                }
                out.line();
            }
            out.line("**What limits it.** Ours: the delay is Debezium's poll interval (`RELAY_POLL_INTERVAL_MS`, 10 ms) and batch,"
                    + " the producer's linger (1 ms) and acks, the query service's consumer fetch and the order-view write into the"
                    + " Mongo wire server, then the read-your-writes wake-up; at higher rates the 2 cores are shared by the POSTs,"
                    + " PostgreSQL, the WAL decoding and the projections, so the tail grows with CPU contention (see the cores-busy"
                    + " column, and P1's CPU table). Polling: the 100 ms interval dominates (≈ 50 ms on average, up to 100 ms plus a"
                    + " batch), and a full batch of 500 rows adds a round of SELECT/produce/DELETE. The hop table says which hop"
                    + " holds the tail, and the profiles in the next section where each process's CPU goes, idle and at "
                    + P2Targets.TAIL_RATE + " orders/s. Idle, the command service's CPU is Debezium's poll loop, which spins"
                    + " about 1 ms per `RELAY_POLL_INTERVAL_MS` (docs/relay-latency.md); the next lever there is a Debezium"
                    + " whose queue hands records over as they arrive, so the interval can grow without delaying events.");
            out.line();
        }

        /** The percentile plot the section shows. */
        @Override
        public void writeFiles(Path dir) throws IOException {
            PercentilePlot.write(dir.resolve(PLOT_FILE), ours, polling);
        }

        static String tailRatioText(Run ours, Run polling) {
            if (ours == null || polling == null) {
                return "n/a";
            }
            double ratio = tailRatio(ours, polling);
            return Double.isNaN(ratio) ? "n/a: " + ours.missing() + " (ours) and " + polling.missing() + " (polling) followed"
                    + " orders never became visible within 30 s (last answers: " + ours.lastMiss() + "; " + polling.lastMiss()
                    + ")" : "polling p99 ÷ ours p99 = " + Fmt.num(ratio, 1) + "×";
        }

        static Run sameRate(List<Run> runs, int rate) {
            return runs.stream().filter(run -> run.rate() == rate).findFirst().orElse(null);
        }
    }

    private final Bench bench;
    private final Footprint footprint;
    private final List<Run> ours = new ArrayList<>();
    private final List<Run> polling = new ArrayList<>();
    private Run fresh;
    private CpuMeter.Usage idle;

    CommitToVisible(Bench bench, Footprint footprint) {
        this.bench = bench;
        this.footprint = footprint;
    }

    void measureOurs() throws Exception {
        measure(ours, null);
    }

    /** The lightest offered load right after both services started, before any warm-up: what a new user meets. */
    void measureFresh() throws Exception {
        int rate = bench.settings().p2Rates().get(0);
        bench.quiesce("P2 at " + rate + "/s, fresh");
        fresh = OfferedLoad.measure(bench, null, rate);
        log.info("P2 at {}/s, fresh: commit->visible {}", rate, fresh.commitToVisible().summary());
    }

    /** Every process's CPU while nothing is asked of the system, after it has applied everything. */
    void measureIdle() throws Exception {
        bench.quiesce("idle CPU");
        Thread.sleep(bench.settings().idle().toMillis() / 3);
        CpuMeter.Window window = bench.cpu().start();
        Thread.sleep(bench.settings().idle().toMillis());
        idle = window.stop();
        log.info("idle CPU: {}", CpuText.brief(idle));
    }

    void measurePolling() throws Exception {
        LocalSystem system = bench.system();
        bench.quiesce();
        system.stop(Component.COMMAND);
        String url = system.jdbcUrl();
        PollingRelay.install(url);
        try {
            // Launched by LocalSystem as `./run local` launches it (same JVM options and environment), relay off.
            system.start(Component.COMMAND, Map.of("RELAY_ENABLED", "false"));
            footprint.recordPollingCommandStart(system.startupTime(Component.COMMAND).orElse(null));
            try (PollingRelay relay = new PollingRelay(url, system.kafkaBootstrapServers(), Bench.TOPIC)) {
                relay.start();
                // A short warm-up of the freshly started JVM, so both runs meet a warm command service.
                bench.orders().closedLoop(4, Duration.ZERO, bench.settings().warmup());
                measure(polling, relay);
            }
        } finally {
            system.stop(Component.COMMAND);
            PollingRelay.uninstall(url);
        }
    }

    private void measure(List<Run> into, PollingRelay pollingRelay) throws Exception {
        for (int rate : bench.settings().p2Rates()) {
            // Each run starts on a quiet system: the relay has published and every projection applied everything before,
            // so that the run measures its own orders' delay, not the time to work off what an earlier run left behind.
            bench.quiesce("P2 at " + rate + "/s" + (pollingRelay != null ? " (polling relay)" : ""));
            Run run = OfferedLoad.measure(bench, pollingRelay, rate);
            into.add(run);
            log.info("P2 at {}/s: commit->visible {}; {} of {} visible", rate, run.commitToVisible().summary(),
                    run.visible(), run.due());
        }
    }

    Result result() {
        return new Result(List.copyOf(ours), List.copyOf(polling), fresh, idle, bench.readModels().snapshots());
    }
}
