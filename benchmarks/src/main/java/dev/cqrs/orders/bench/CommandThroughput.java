package dev.cqrs.orders.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.cqrs.orders.local.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P1: the command side's throughput in a closed loop at each client concurrency, each next to the same transaction over
 * raw JDBC. Its load also serves the footprint's memory figures, the JFR profile and the optional pgbench reference.
 */
final class CommandThroughput {

    private static final Logger log = LoggerFactory.getLogger(CommandThroughput.class);

    static final String BASELINE_DATABASE = "bench_baseline";

    /**
     * One concurrency, ours and then the baseline (null if it did not run), each with the CPU its window used and the
     * orders created in that window (warm-up, measured part and, for ours, the relay and projections catching up).
     */
    record Point(Load.ClosedLoopResult ours, CpuMeter.Usage oursCpu, long oursOrders,
                 Load.ClosedLoopResult baseline, CpuMeter.Usage baselineCpu, long baselineOrders) {

        Point withBaseline(Load.ClosedLoopResult run, CpuMeter.Usage cpu, long orders) {
            return new Point(ours, oursCpu, oursOrders, run, cpu, orders);
        }
    }

    /**
     * Every concurrency's point, the best concurrency again with the query side stopped ({@code alone}, null when it
     * did not run), the pgbench reference and the profile (null when it failed).
     */
    record Result(List<Point> points, Point alone, Pgbench.Result pgbench, CommandProfile.Result profile) implements Section {

        /** The point whose {@code side} (ours or the baseline) had the highest rate; null when none ran. */
        static Point best(List<Point> points, Function<Point, Load.ClosedLoopResult> side) {
            return points.stream().filter(point -> side.apply(point) != null)
                    .max(Comparator.comparingDouble(point -> side.apply(point).rate())).orElse(null);
        }

        @Override
        public void summary(Markdown out, Results run) {
            Point best = best(points, Point::ours);
            Load.ClosedLoopResult ours = best == null ? null : best.ours();
            Load.ClosedLoopResult base = best == null ? null : best.baseline();
            Point bestBasePoint = best(points, Point::baseline);
            Load.ClosedLoopResult bestBase = bestBasePoint == null ? null : bestBasePoint.baseline();
            double ratio = ours == null || base == null ? Double.NaN : ours.rate() / base.rate();
            out.row("P1", "command throughput: POST /orders at the best client concurrency"
                            + (ours == null ? "" : " (" + ours.clients() + " clients)"),
                    ours == null ? "n/a" : Fmt.rate(ours.rate()) + " orders/s",
                    base == null ? "n/a" : Fmt.rate(base.rate()) + " orders/s, raw JDBC, same SQL, same clients"
                            + (bestBase != null && bestBase != base ? " (its best: " + Fmt.rate(bestBase.rate()) + " at "
                            + bestBase.clients() + ")" : ""),
                    Fmt.ratio(ratio) + (bestBase != null && ours != null && bestBase != base
                            ? " (" + Fmt.ratio(ours.rate() / bestBase.rate()) + " against its best)" : ""),
                    "≥ 0.35", Markdown.met(ratio >= 0.35, ratio));
            if (alone != null && base != null) {
                double aloneRatio = alone.ours().rate() / base.rate();
                out.row("P1", "the same with the query side stopped: the command path alone (" + alone.ours().clients()
                                + " clients)", Fmt.rate(alone.ours().rate()) + " orders/s", Fmt.rate(base.rate())
                                + " orders/s, raw JDBC, as above", Fmt.ratio(aloneRatio), "— (beside the line above)", "—");
            }
            double perOrder = best == null ? Double.NaN : commandMsPerOrder(best);
            out.row("P1", "command service CPU per order at the best concurrency (with the query side stopped: "
                            + (alone == null ? "n/a" : Fmt.num(commandMsPerOrder(alone), 2) + " ms") + ")",
                    Fmt.num(perOrder, 2) + " ms", base == null ? "n/a" : Fmt.num(1000 * best.baselineCpu().seconds()
                            .getOrDefault(CpuMeter.HARNESS, 0.0) / best.baselineOrders(), 2) + " ms in the raw-JDBC client",
                    "—", "≤ 0.7 ms", Markdown.met(perOrder <= 0.7, perOrder));
        }

        /** The command service's CPU milliseconds per order created in the point's window. */
        static double commandMsPerOrder(Point point) {
            return point.oursCpu() == null || point.oursOrders() == 0 ? Double.NaN
                    : 1000 * point.oursCpu().seconds().getOrDefault("command service", Double.NaN) / point.oursOrders();
        }

        @Override
        public void details(Markdown out, Results run) {
            out.heading("P1 — command throughput");
            out.line("Closed loop: N clients each send the next `POST /orders` (2 lines, no Idempotency-Key) as soon as the previous"
                    + " one answered; " + run.settings().p1Warmup().toSeconds() + " s warm-up, then " + run.settings().p1Measure().toSeconds()
                    + " s counted. Baseline: the same transaction over raw JDBC (`OrderSql`: INSERT orders; INSERT order_items as a"
                    + " batch; INSERT outbox; DELETE outbox; COMMIT, with the same event JSON from `EventCodec`), one connection per"
                    + " client, in database `" + BASELINE_DATABASE + "` of the same PostgreSQL server, created from the"
                    + " service's own Flyway scripts (read from its jar). Run one after the other, never at the same time.");
            out.line();
            out.tableHead("clients", "ours orders/s", "ours latency p50 / p99 ms", "raw JDBC orders/s", "raw latency p50 / p99 ms",
                    "ratio");
            for (Point point : points) {
                Load.ClosedLoopResult ours = point.ours();
                Load.ClosedLoopResult base = point.baseline();
                out.line("| " + ours.clients() + " | " + Fmt.rate(ours.rate()) + errors(ours) + " | " + Fmt.ms(ours.latencies().p50()) + " / "
                        + Fmt.ms(ours.latencies().p99()) + " | " + (base == null ? "n/a" : Fmt.rate(base.rate()) + errors(base)) + " | "
                        + (base == null ? "n/a" : Fmt.ms(base.latencies().p50()) + " / " + Fmt.ms(base.latencies().p99())) + " | "
                        + (base == null ? "n/a" : Fmt.ratio(ours.rate() / base.rate())) + " |");
            }
            if (alone != null) {
                Load.ClosedLoopResult a = alone.ours();
                out.line("| " + a.clients() + ", query service stopped | " + Fmt.rate(a.rate()) + errors(a) + " | "
                        + Fmt.ms(a.latencies().p50()) + " / " + Fmt.ms(a.latencies().p99()) + " | | | |");
            }
            out.line();
            if (alone != null) {
                out.line("With the query service stopped (the relay still publishes every order, nothing projects it), at "
                        + alone.ours().clients() + " clients, the CPU per order by process was:");
                out.line();
                CpuText.table(out, alone.oursCpu(), alone.oursOrders(), null, 0, "query side stopped", "");
                out.line();
            }
            pgbench.details(out);
            Point best = best(points, Point::ours);
            if (best != null) {
                cpu(out, run, best);
            }
            CommandProfile.details(out, profile);
        }

        private static void cpu(Markdown out, Results run, Point best) {
            CpuMeter.Usage oursCpu = best.oursCpu();
            CpuMeter.Usage baseCpu = best.baseline() == null ? null : best.baselineCpu();
            double oursOrders = best.oursOrders();
            double baseOrders = best.baseline() == null ? 0 : best.baselineOrders();
            out.line("CPU time per order at " + best.ours().clients() + " clients, by process, from /proc: the window holds the warm-up,"
                    + " the measured part and, for ours, the time until the relay and the projections had caught up with the"
                    + " run's orders; divided by every order created in it (" + Fmt.num(oursOrders, 0) + " ours, "
                    + Fmt.num(baseOrders, 0) + " raw).");
            out.line();
            CpuText.table(out, oursCpu, oursOrders, baseCpu, baseOrders, "ours", "raw JDBC");
            out.line();
            String perOrder = oursCpu == null || baseCpu == null || oursOrders == 0 || baseOrders == 0 ? ""
                    : "Per order, the system used " + Fmt.num(1000 * oursCpu.ours() / oursOrders, 1) + " ms of CPU"
                    + " across its processes against " + Fmt.num(1000 * baseCpu.ours() / baseOrders, 1)
                    + " ms for the raw transaction (" + Fmt.num((oursCpu.ours() / oursOrders) / (baseCpu.ours() / baseOrders), 0)
                    + "×); on 2 cores that alone caps it near " + Fmt.rate(2 * oursOrders / oursCpu.ours())
                    + " orders/s even on an idle machine. ";
            out.line("**What limits it.** " + CpuText.verdict(oursCpu, "our run") + " "
                    + (baseCpu == null ? "" : CpuText.verdict(baseCpu, "the raw-JDBC run") + " ") + perOrder
                    + "Our commit path is the same SQL as the baseline's, so the gap is the work around it: HTTP (Tomcat, JSON"
                    + " in and out), Spring MVC and transactions, HikariCP, Micrometer metrics and tracing on every request, and"
                    + " — on the same 2 cores — the relay decoding the WAL (PostgreSQL's walsender plus Debezium) and the query"
                    + " service projecting every order into the Mongo wire server, which the baseline does not do at all."
                    + (c1Only(run.commandJvmOptions()) ? " Both services also run C1-only"
                    + " (`-XX:TieredStopAtLevel=1`, chosen for start-up), so their hot code is never compiled by C2." : "")
                    + " The profile below says where the command service's own CPU goes.");
            out.line();
        }

        /** Whether the last -XX:TieredStopAtLevel on the command line (the one that counts) stops at C1. */
        private static boolean c1Only(String jvmOptions) {
            String flag = "TieredStopAtLevel=";
            int at = jvmOptions.lastIndexOf(flag);
            return at >= 0 && jvmOptions.startsWith("1", at + flag.length());
        }

        private static String errors(Load.ClosedLoopResult run) {
            return run.errors() > 0 ? " (" + run.errors() + " errors)" : "";
        }
    }

    /** An operation that closes its client's resources (a JDBC connection) when the run ends. */
    private record ClosableOp(Load.Op op, AutoCloseable resource) implements Load.Op, AutoCloseable {
        @Override
        public boolean run() throws Exception {
            return op.run();
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    private final Bench bench;
    private final Footprint footprint;
    private final List<Point> points = new ArrayList<>();
    private Point alone;
    private CommandProfile.Result profile;
    private Pgbench.Result pgbench = Pgbench.Result.NONE;

    CommandThroughput(Bench bench, Footprint footprint) {
        this.bench = bench;
        this.footprint = footprint;
    }

    /**
     * Each concurrency: ours, then the raw-JDBC baseline right after, so both meet the same background load. Each starts
     * on a quiet system, and our CPU window stays open until the relay and the projections have caught up with the
     * orders of the run, so the CPU per order is the whole system's.
     */
    void measure() throws Exception {
        Settings settings = bench.settings();
        long commandPid = bench.system().pid(Component.COMMAND).orElseThrow();
        long queryPid = bench.system().pid(Component.QUERY).orElseThrow();
        String baselineUrl = Databases.recreateWithServiceSchema(bench.system().jdbcUrl(), BASELINE_DATABASE, settings.commandJar());
        try (RssSampler rss = new RssSampler(Map.of("command", commandPid, "query", queryPid))) {
            for (int clients : settings.p1Concurrency()) {
                measureAt(clients, baselineUrl);
            }
            int best = Result.best(points, Point::ours).ours().clients();
            try {
                bench.quiesce();
                profile = CommandProfile.measure(bench, commandPid, best);
            } catch (Exception e) {
                bench.notes().add("P1 profile failed: " + e);
                log.warn("profiling failed", e);
            }
            String auth = bench.system().adminAuthorization();
            footprint.recordMemory(new Footprint.Memory(rss.maxKb("command"), rss.maxKb("query"),
                    Procs.hwmKb(commandPid), Procs.hwmKb(queryPid),
                    JvmMemory.read(bench.system().commandUrl(), auth, commandPid),
                    JvmMemory.read(bench.system().queryUrl(), auth, queryPid)));
        }
        try {
            pgbench = Pgbench.run(bench, Result.best(points, Point::baseline).baseline().clients());
        } catch (Exception e) {
            bench.notes().add("pgbench (optional) did not run: " + e.getMessage());
        }
    }

    /**
     * The best concurrency again with the query service stopped, so the command path (and the relay) is measured
     * without the projections on the same cores; the query service then catches up.
     */
    void measureAlone() throws Exception {
        Point best = Result.best(points, Point::ours);
        if (best == null) {
            return;
        }
        int clients = best.ours().clients();
        bench.quiesce();
        bench.system().stop(Component.QUERY);
        try {
            Orders orders = bench.orders();
            CpuMeter.Window window = bench.cpu().start();
            long createdBefore = orders.created();
            Load.ClosedLoopResult run = orders.closedLoop(clients, bench.settings().p1Warmup(), bench.settings().p1Measure());
            bench.awaitPublished();
            alone = new Point(run, window.stop(), orders.created() - createdBefore, null, null, 0);
            log.info("P1 ours, {} clients, query service stopped: {} orders/s, {}", clients, Fmt.rate(run.rate()),
                    run.latencies().summary());
        } finally {
            bench.system().start(Component.QUERY);
        }
    }

    private void measureAt(int clients, String baselineUrl) throws Exception {
        Settings settings = bench.settings();
        Orders orders = bench.orders();
        bench.quiesce();
        CpuMeter.Window window = bench.cpu().start();
        long createdBefore = orders.created();
        Load.ClosedLoopResult run = orders.closedLoop(clients, settings.p1Warmup(), settings.p1Measure());
        bench.quiesce();
        Point point = new Point(run, window.stop(), orders.created() - createdBefore, null, null, 0);
        points.add(point);
        log.info("P1 ours, {} clients: {} orders/s, {}", clients, Fmt.rate(run.rate()), run.latencies().summary());

        CpuMeter.Window baselineWindow = bench.cpu().start();
        Load.ClosedLoopResult baseline = Load.closedLoop(clients, settings.p1Warmup(), settings.p1Measure(), client -> {
            OrderSql sql = new OrderSql(baselineUrl, Databases.USER);
            return new ClosableOp(() -> sql.create(SampleOrder.next()) != null, sql);
        });
        points.set(points.size() - 1, point.withBaseline(baseline, baselineWindow.stop(), baseline.allOps()));
        log.info("P1 raw JDBC, {} clients: {} orders/s, {}", clients, Fmt.rate(baseline.rate()), baseline.latencies().summary());
    }

    Result result() {
        return new Result(List.copyOf(points), alone, pgbench, profile);
    }
}
