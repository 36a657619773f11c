package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes benchmarks.md: the summary table of every figure with its baseline and ratio, then the details of each. */
final class Report {

    static final String PLOT_FILE = "benchmarks-p2.png";

    private final Results r;
    private final StringBuilder out = new StringBuilder();

    private Report(Results results) {
        this.r = results;
    }

    static String render(Results results) {
        return new Report(results).render();
    }

    static void write(Results results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
    }

    private String render() {
        Machine m = r.machine;
        line("# Benchmarks");
        line();
        line("Written by `./run bench`" + (r.settings.quick() ? " --quick (tiny sizes: this checks the harness, its numbers mean little)" : "")
                + ". Do not edit by hand: run it again. Every figure is measured next to its baseline, on this machine, in"
                + " the same run; absolute numbers on shared 2-core machines drift from run to run, the ratios hold better.");
        line();
        line("| | |");
        line("|---|---|");
        line("| date | " + m.date() + " (the run took " + minutes(r.totalTime) + ") |");
        line("| machine | " + m.cores() + " cores (" + m.cpuModel() + "), " + String.format(Locale.ROOT, "%,d", m.memoryMb())
                + " MB memory |");
        line("| JDK | " + m.jdk() + " |");
        line("| OS | " + m.os() + " |");
        line("| load average (1/5/15 min) | at start " + r.loadAtStart + "; at end " + r.loadAtEnd
                + (loaded() ? " — **the machine was shared with other builds and tests during this run**" : "") + " |");
        line("| system | started with local-stack's LocalSystem exactly as `./run local` starts it (each component its own"
                + " process), on free ports and its own data directory; command service `" + r.commandJvmOptions
                + "`, query service `" + r.queryJvmOptions + "` |");
        line("| sizes | " + r.settings.describe() + " |");
        line();
        summary();
        p1Details();
        profileDetails();
        p2Details();
        p3Details();
        p4Details();
        p5Details();
        p6Details();
        notes();
        return out.toString();
    }

    private boolean loaded() {
        try {
            double start = Double.parseDouble(r.loadAtStart.split(" ")[0]);
            double end = Double.parseDouble(r.loadAtEnd.split(" ")[0]);
            return Math.max(start, end) > r.machine.cores() * 0.75;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ summary

    private void summary() {
        line("## Summary");
        line();
        line("| id | figure | ours | baseline | ratio | goal | met? |");
        line("|---|---|---|---|---|---|---|");

        Load.ClosedLoopResult ours = r.best(r.p1Ours);
        Load.ClosedLoopResult base = ours == null ? null : r.at(r.p1Baseline, ours.clients());
        Load.ClosedLoopResult bestBase = r.best(r.p1Baseline);
        double p1Ratio = ours == null || base == null ? Double.NaN : ours.rate() / base.rate();
        row("P1", "command throughput: POST /orders at the best client concurrency"
                        + (ours == null ? "" : " (" + ours.clients() + " clients)"),
                ours == null ? "n/a" : Fmt.rate(ours.rate()) + " orders/s",
                base == null ? "n/a" : Fmt.rate(base.rate()) + " orders/s, raw JDBC, same SQL, same clients"
                        + (bestBase != null && bestBase != base ? " (its best: " + Fmt.rate(bestBase.rate()) + " at "
                        + bestBase.clients() + ")" : ""),
                Fmt.ratio(p1Ratio) + (bestBase != null && ours != null && bestBase != base
                        ? " (" + Fmt.ratio(ours.rate() / bestBase.rate()) + " against its best)" : ""),
                "≥ 0.6", met(p1Ratio >= 0.6, p1Ratio));

        Results.P2Run ours2 = last(r.p2Ours);
        Results.P2Run poll2 = ours2 == null ? null : sameRate(r.p2Polling, ours2.rate());
        double p2Times = tailRatio(ours2, poll2);
        boolean p2Met = ours2 != null && ours2.commitToVisible().p50() <= 15 && ours2.commitToVisible().p99() <= 50
                && p2Times >= 3 && ours2.missing() == 0;
        row("P2", "commit→visible delay at " + (ours2 == null ? "n/a" : String.format(Locale.ROOT, "%,d", ours2.rate()))
                        + " orders/s, p50 / p99",
                ours2 == null ? "n/a" : Fmt.ms(ours2.commitToVisible().p50()) + " / " + Fmt.ms(ours2.commitToVisible().p99()) + " ms",
                poll2 == null ? "n/a" : Fmt.ms(poll2.commitToVisible().p50()) + " / " + Fmt.ms(poll2.commitToVisible().p99())
                        + " ms, polling relay (100 ms)",
                tailRatioText(ours2, poll2),
                "p50 ≤ 15 ms, p99 ≤ 50 ms; p99 ≥ 3× lower than polling", met(p2Met, ours2 == null ? Double.NaN : 0));

        if (r.p2Ours.size() > 1) {
            Results.P2Run light = r.p2Ours.get(0);
            Results.P2Run lightPolling = sameRate(r.p2Polling, light.rate());
            double lightTimes = tailRatio(light, lightPolling);
            row("P2", "the same at a light " + light.rate() + " orders/s, p50 / p99",
                    Fmt.ms(light.commitToVisible().p50()) + " / " + Fmt.ms(light.commitToVisible().p99()) + " ms",
                    lightPolling == null ? "n/a" : Fmt.ms(lightPolling.commitToVisible().p50()) + " / "
                            + Fmt.ms(lightPolling.commitToVisible().p99()) + " ms, polling relay (100 ms)",
                    tailRatioText(light, lightPolling),
                    "p99 ≥ 3× lower than polling", met(lightTimes >= 3, lightTimes));
        }

        double p3Ratio = r.p3OursRate / r.p3BaselineRate;
        row("P3", "relay drain: WAL backlog of " + String.format(Locale.ROOT, "%,d", r.p3Events) + " committed events → Kafka",
                Fmt.rate(r.p3OursRate) + " events/s", Fmt.rate(r.p3BaselineRate) + " events/s, raw KafkaProducer, same records",
                Fmt.ratio(p3Ratio), "≥ 0.3", met(p3Ratio >= 0.3, p3Ratio));

        double p4Ratio = r.p4Rate / r.p4BaselineRate;
        row("P4", "projection rebuild from Kafka into the read store (order view, " + String.format(Locale.ROOT, "%,d", r.p4Events)
                        + " events)",
                Fmt.rate(r.p4Rate) + " events/s", Fmt.rate(r.p4BaselineRate) + " documents/s, raw insertMany of the same"
                        + " documents, same driver and server",
                Fmt.ratio(p4Ratio), "≥ 0.7", met(p4Ratio >= 0.7, p4Ratio));

        double p5Diff = r.p5Ours == null || r.p5Raw == null ? Double.NaN : r.p5Ours.p99() - r.p5Raw.p99();
        row("P5", "GET /orders/{id} at " + r.settings.p5Rate() + "/s, p50 / p99",
                r.p5Ours == null ? "n/a" : Fmt.ms(r.p5Ours.p50()) + " / " + Fmt.ms(r.p5Ours.p99()) + " ms",
                r.p5Raw == null ? "n/a" : Fmt.ms(r.p5Raw.p50()) + " / " + Fmt.ms(r.p5Raw.p99()) + " ms, raw driver find by _id",
                Double.isNaN(p5Diff) ? "n/a" : "p99 " + Fmt.signedMs(p5Diff) + " ms", "p99 difference ≤ 2 ms",
                met(p5Diff <= 2, p5Diff));

        long commandRss = Math.max(r.commandRssMaxKb, r.commandHwmKb);
        long queryRss = Math.max(r.queryRssMaxKb, r.queryHwmKb);
        boolean rssMet = commandRss > 0 && queryRss > 0 && commandRss <= 256 * 1024 && queryRss <= 256 * 1024;
        row("P6", "footprint: peak RSS under P1 load, command / query service",
                Fmt.mb(commandRss) + " / " + Fmt.mb(queryRss) + " MB", "—", "—", "≤ 256 MB each",
                met(rssMet, commandRss > 0 ? 0 : Double.NaN));
        Duration command = r.commandRestart;
        Duration query = r.queryRestart;
        boolean startMet = command != null && query != null && command.toMillis() <= 3000 && query.toMillis() <= 3000;
        row("P6", "footprint: start → ready, each service started alone (both at once: "
                        + seconds(r.concurrentStart.get("command-service")) + " / " + seconds(r.concurrentStart.get("query-service")) + " s)",
                seconds(command) + " / " + seconds(query) + " s", "—", "—", "≤ 3 s each",
                met(startMet, command == null ? Double.NaN : 0));
        line();
        line("Ratios are ours ÷ baseline for rates (higher is better). P2 compares tails (polling p99 ÷ ours p99); P5 is"
                + " ours − raw. A goal is met only when its numbers were measured.");
        line();
    }

    /**
     * Polling p99 ÷ ours p99, only when every followed order became visible in both runs: a missing order is a delay
     * beyond 30 s that no percentile holds, so a p99 over the few that made it would flatter that run.
     */
    static double tailRatio(Results.P2Run ours, Results.P2Run polling) {
        if (ours == null || polling == null || ours.missing() > 0 || polling.missing() > 0 || ours.visible() == 0) {
            return Double.NaN;
        }
        return polling.commitToVisible().p99() / ours.commitToVisible().p99();
    }

    private static String tailRatioText(Results.P2Run ours, Results.P2Run polling) {
        if (ours == null || polling == null) {
            return "n/a";
        }
        double ratio = tailRatio(ours, polling);
        return Double.isNaN(ratio) ? "n/a: " + ours.missing() + " (ours) and " + polling.missing() + " (polling) followed"
                + " orders never became visible within 30 s (last answers: " + ours.lastMiss() + "; " + polling.lastMiss()
                + ")" : "polling p99 ÷ ours p99 = " + Fmt.num(ratio, 1) + "×";
    }

    private void row(String id, String figure, String ours, String baseline, String ratio, String goal, String met) {
        line("| " + id + " | " + figure + " | " + ours + " | " + baseline + " | " + ratio + " | " + goal + " | " + met + " |");
    }

    private static String met(boolean met, double measured) {
        if (Double.isNaN(measured)) {
            return "not measured";
        }
        return met ? "**yes**" : "no";
    }

    // ------------------------------------------------------------------------------------------------ P1

    private void p1Details() {
        line("## P1 — command throughput");
        line();
        line("Closed loop: N clients each send the next `POST /orders` (2 lines, no Idempotency-Key) as soon as the previous"
                + " one answered; " + r.settings.p1Warmup().toSeconds() + " s warm-up, then " + r.settings.p1Measure().toSeconds()
                + " s counted. Baseline: the same transaction over raw JDBC (`OrderSql`: INSERT orders; INSERT order_items as a"
                + " batch; INSERT outbox; DELETE outbox; COMMIT, with the same event JSON from `EventCodec`), one connection per"
                + " client, in database `" + Harness.BASELINE_DATABASE + "` of the same PostgreSQL server, created from the"
                + " service's own Flyway scripts (read from its jar). Run one after the other, never at the same time.");
        line();
        line("| clients | ours orders/s | ours latency p50 / p99 ms | raw JDBC orders/s | raw latency p50 / p99 ms | ratio |");
        line("|---|---|---|---|---|---|");
        for (Load.ClosedLoopResult ours : r.p1Ours) {
            Load.ClosedLoopResult base = r.at(r.p1Baseline, ours.clients());
            line("| " + ours.clients() + " | " + Fmt.rate(ours.rate()) + errors(ours) + " | " + Fmt.ms(ours.latencies().p50()) + " / "
                    + Fmt.ms(ours.latencies().p99()) + " | " + (base == null ? "n/a" : Fmt.rate(base.rate()) + errors(base)) + " | "
                    + (base == null ? "n/a" : Fmt.ms(base.latencies().p50()) + " / " + Fmt.ms(base.latencies().p99())) + " | "
                    + (base == null ? "n/a" : Fmt.ratio(ours.rate() / base.rate())) + " |");
        }
        line();
        if (!Double.isNaN(r.pgbenchTps)) {
            line("Also for reference, Debian's `pgbench -M prepared` running the same statements (one per round trip) with "
                    + r.pgbenchClients + " clients on the baseline database: **" + Fmt.rate(r.pgbenchTps) + " tps**.");
            line();
        }
        Load.ClosedLoopResult best = r.best(r.p1Ours);
        if (best != null) {
            CpuMeter.Usage oursCpu = r.p1OursCpu.get(best.clients());
            Load.ClosedLoopResult base = r.at(r.p1Baseline, best.clients());
            CpuMeter.Usage baseCpu = base == null ? null : r.p1BaselineCpu.get(best.clients());
            double oursOrders = r.p1OursOrders.getOrDefault(best.clients(), 0L);
            double baseOrders = r.p1BaselineOrders.getOrDefault(best.clients(), 0L);
            line("CPU time per order at " + best.clients() + " clients, by process, from /proc: the window holds the warm-up,"
                    + " the measured part and, for ours, the time until the relay and the projections had caught up with the"
                    + " run's orders; divided by every order created in it (" + Fmt.num(oursOrders, 0) + " ours, "
                    + Fmt.num(baseOrders, 0) + " raw).");
            line();
            cpuTable(oursCpu, oursOrders, baseCpu, baseOrders, "ours", "raw JDBC");
            line();
            String perOrder = oursCpu == null || baseCpu == null || oursOrders == 0 || baseOrders == 0 ? ""
                    : "Per order, the system used " + Fmt.num(1000 * oursCpu.ours() / oursOrders, 1) + " ms of CPU"
                    + " across its processes against " + Fmt.num(1000 * baseCpu.ours() / baseOrders, 1)
                    + " ms for the raw transaction (" + Fmt.num((oursCpu.ours() / oursOrders) / (baseCpu.ours() / baseOrders), 0)
                    + "×); on 2 cores that alone caps it near " + Fmt.rate(2 * oursOrders / oursCpu.ours())
                    + " orders/s even on an idle machine. ";
            line("**What limits it.** " + cpuVerdict(oursCpu, "our run") + " "
                    + (baseCpu == null ? "" : cpuVerdict(baseCpu, "the raw-JDBC run") + " ") + perOrder
                    + "Our commit path is the same SQL as the baseline's, so the gap is the work around it: HTTP (Tomcat, JSON"
                    + " in and out), Spring MVC and transactions, HikariCP, Micrometer metrics and tracing on every request, and"
                    + " — on the same 2 cores — the relay decoding the WAL (PostgreSQL's walsender plus Debezium) and the query"
                    + " service projecting every order into the Mongo wire server, which the baseline does not do at all."
                    + (r.commandJvmOptions.contains("TieredStopAtLevel=1") ? " Both services also run C1-only"
                    + " (`-XX:TieredStopAtLevel=1`, chosen for start-up), so their hot code is never compiled by C2." : "")
                    + " The profile below says where the command service's own CPU goes.");
            line();
        }
    }

    private static String errors(Load.ClosedLoopResult run) {
        return run.errors() > 0 ? " (" + run.errors() + " errors)" : "";
    }

    private void cpuTable(CpuMeter.Usage a, double opsA, CpuMeter.Usage b, double opsB, String nameA, String nameB) {
        if (a == null) {
            line("(no CPU figures)");
            return;
        }
        line("| process | " + nameA + ": CPU ms per order | " + nameA + ": cores used | "
                + (b == null ? "" : nameB + ": CPU ms per order | " + nameB + ": cores used |"));
        line("|---|---|---|" + (b == null ? "" : "---|---|"));
        for (Map.Entry<String, Double> entry : a.seconds().entrySet()) {
            double bSeconds = b == null ? 0 : b.seconds().getOrDefault(entry.getKey(), 0.0);
            line("| " + entry.getKey() + " | " + Fmt.num(1000 * entry.getValue() / opsA, 3) + " | "
                    + Fmt.num(entry.getValue() / a.wallSeconds(), 2) + " | "
                    + (b == null ? "" : Fmt.num(1000 * bSeconds / opsB, 3) + " | " + Fmt.num(bSeconds / b.wallSeconds(), 2) + " |"));
        }
        line("| **all of the above** | " + Fmt.num(1000 * a.ours() / opsA, 3) + " | " + Fmt.num(a.ours() / a.wallSeconds(), 2) + " | "
                + (b == null ? "" : Fmt.num(1000 * b.ours() / opsB, 3) + " | " + Fmt.num(b.ours() / b.wallSeconds(), 2) + " |"));
        line("| other processes on the machine | | " + Fmt.num(a.others() / a.wallSeconds(), 2) + " | "
                + (b == null ? "" : " | " + Fmt.num(b.others() / b.wallSeconds(), 2) + " |"));
    }

    private static String cpuVerdict(CpuMeter.Usage usage, String what) {
        if (usage == null) {
            return "";
        }
        double busy = usage.machineBusy() / usage.machineTotal();
        double others = usage.others() / usage.machineTotal();
        String top = usage.seconds().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(entry -> entry.getKey() + " (" + Fmt.num(entry.getValue() / usage.wallSeconds(), 2) + " cores)").orElse("?");
        return "During " + what + " the machine's " + Fmt.num(usage.cores(), 0) + " cores were " + Fmt.pct(busy) + " busy ("
                + Fmt.pct(others) + " of them by other processes than this benchmark)"
                + (busy > 0.9 ? ": it was **CPU-bound**, and the biggest user was " + top + "."
                : "; the biggest user was " + top + ", so waiting (commit fsync, round trips, locks) bounds it more than CPU.");
    }

    private void profileDetails() {
        line("## Where the time goes (P1, JFR)");
        line();
        JfrProfile.Summary profile = r.profile;
        if (profile == null) {
            line("No profile (see the notes).");
            line();
            return;
        }
        line("The command service under P1 load at the best concurrency (" + (r.profileRun == null ? "?" : r.profileRun.clients())
                + " clients, " + (r.profileRun == null ? "?" : Fmt.rate(r.profileRun.rate())) + " orders/s while recording),"
                + " recorded with JFR (`jcmd <pid> JFR.start settings=profile`, so its command line is the one `./run local`"
                + " uses) and summarised from " + String.format(Locale.ROOT, "%,d", profile.samples()) + " `jdk.ExecutionSample`s"
                + " (Java code on CPU; time blocked in socket reads and fsync waits is not in them). The recording is kept"
                + " next to the run's data (`" + profile.file().getFileName() + "`).");
        line();
        line("By layer (each sample charged to the innermost frame outside the JDK), and how often a layer is anywhere on the stack:");
        line();
        line("| layer (self) | share | | layer (anywhere on the stack) | share |");
        line("|---|---|---|---|---|");
        for (int i = 0; i < Math.max(profile.layers().size(), profile.inclusive().size()); i++) {
            JfrProfile.Share self = i < profile.layers().size() ? profile.layers().get(i) : null;
            JfrProfile.Share incl = i < profile.inclusive().size() ? profile.inclusive().get(i) : null;
            line("| " + (self == null ? "" : self.name()) + " | " + (self == null ? "" : Fmt.pct(self.fraction())) + " | | "
                    + (incl == null ? "" : incl.name()) + " | " + (incl == null ? "" : Fmt.pct(incl.fraction())) + " |");
        }
        line();
        line("Hottest methods (self time) and threads:");
        line();
        line("| method | share |");
        line("|---|---|");
        for (JfrProfile.Share method : profile.topMethods()) {
            line("| `" + method.name() + "` | " + Fmt.pct(method.fraction()) + " |");
        }
        line();
        line("| thread | share |");
        line("|---|---|");
        for (JfrProfile.Share thread : profile.threads()) {
            line("| " + thread.name() + " | " + Fmt.pct(thread.fraction()) + " |");
        }
        line();
    }

    // ------------------------------------------------------------------------------------------------ P2

    private void p2Details() {
        line("## P2 — commit→visible delay");
        line();
        line("Fixed offered load, wrk2-style: order i is due at start + i/rate; `POST /orders` from a pool of workers, then"
                + " `GET /orders/{id}?minVersion=1&waitMs=5000` (read-your-writes: the query service answers the moment its"
                + " order view has the order; an early 404 or stale answer is retried after 25 ms). Every order is POSTed; about 50 a"
                + " second of them (every k-th) are followed to the query side, so that waiting GETs never become a load of"
                + " their own (column *followed*); a followed order not visible within 30 s counts as missing. **commit→visible** runs from"
                + " the POST's 201 (the transaction committed) to the GET's 200; **intended→visible** from the order's due time,"
                + " so it also holds any queueing of the POST (coordinated-omission safe). Percentiles from HdrHistogram.");
        line();
        line("The comparison, **polling relay**: the same command service (relaunched with `RELAY_ENABLED=false`, same JVM"
                + " options), the same POSTs, the same query service and GETs, run right after ours. A BEFORE INSERT trigger"
                + " redirects each row the service writes to `outbox` into `bench_polling_outbox`, which keeps it (the service's"
                + " same-transaction DELETE then finds nothing); `PollingRelay` (in this module) runs `SELECT … ORDER BY seq"
                + " LIMIT 500 FOR UPDATE SKIP LOCKED` every 100 ms (at once again after a full batch), sends the rows to the same"
                + " topic with the same key, value and headers and the same producer settings as ours, waits for the acks,"
                + " deletes them and commits. Each run starts when every order so far is published and every read model (not only the order view) has"
                + " applied it, so a run never pays for the backlog of an earlier one (the lines below say how long that took)."
                + " Offered loads the system cannot take leave requests unsent after the run's time plus 5 s (column"
                + " *unsent*); their queueing shows in intended→visible.");
        line();
        line("![P2 delay distribution](" + PLOT_FILE + ")");
        line();
        line("| relay | offered/s | created | unsent | followed | visible | missing | commit→visible p50 / p90 / p99 / p99.9 / max ms | intended→visible p99 ms | POST p99 ms | mean commit→published / commit→applied ms | cores busy (others) |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (List<Results.P2Run> runs : List.of(r.p2Ours, r.p2Polling)) {
            for (Results.P2Run run : runs) {
                Latencies d = run.commitToVisible();
                line("| " + (runs == r.p2Ours ? "ours (Debezium, WAL)" : "polling (100 ms)") + " | "
                        + String.format(Locale.ROOT, "%,d", run.rate()) + " | " + run.created() + " | " + run.unsent() + " | "
                        + run.checked() + " | " + run.visible() + " | " + run.missing() + " | " + Fmt.ms(d.p50()) + " / " + Fmt.ms(d.ms(90)) + " / " + Fmt.ms(d.p99()) + " / "
                        + Fmt.ms(d.ms(99.9)) + " / " + Fmt.ms(d.maxMs()) + " | " + Fmt.ms(run.intendedToVisible().p99()) + " | "
                        + Fmt.ms(run.post().p99()) + " | " + Fmt.ms(run.relayMeanMs()) + " / " + Fmt.ms(run.projectionMeanMs())
                        + " | " + busy(run.cpu()) + " |");
            }
        }
        line();
        StringBuilder times = new StringBuilder();
        for (Results.P2Run ours : r.p2Ours) {
            Results.P2Run polling = sameRate(r.p2Polling, ours.rate());
            if (polling != null) {
                double ratio = tailRatio(ours, polling);
                times.append(times.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%,d/s: %s", ours.rate(),
                        Double.isNaN(ratio) ? "n/a (followed orders went missing)" : Fmt.num(ratio, 1) + "×"));
            }
        }
        line("Polling p99 ÷ our p99: " + (times.length() == 0 ? "n/a" : times) + " (goal ≥ 3×). The means in the"
                + " second-to-last column come from the services' own timers over the run (`orders_relay_commit_to_publish_seconds`"
                + " of the command service; `orders_projection_delay_seconds{readModel=\"order-view\"}` of the query service, from"
                + " the command's timestamp to applied), so they split the delay into relay and projection; they start at the"
                + " transaction's clock reading, slightly before the commit.");
        line();
        if (!r.readModelSnapshots.isEmpty()) {
            line("Every read model's lag as the query service reported it (`GET /admin/read-models`; only the order view"
                    + " decides visibility here, but all of them share the query service's CPU and the Mongo wire server):");
            line();
            for (String snapshot : r.readModelSnapshots) {
                line("- " + snapshot);
            }
            line();
        }
        line("**What limits it.** Ours: the delay is Debezium's poll interval (`RELAY_POLL_INTERVAL_MS`, 10 ms) and batch,"
                + " the producer's linger (1 ms) and acks, the query service's consumer fetch and the order-view write into the"
                + " Mongo wire server, then the read-your-writes wake-up; at higher rates the 2 cores are shared by the POSTs,"
                + " PostgreSQL, the WAL decoding and the projections, so the tail grows with CPU contention (see the cores-busy"
                + " column, and P1's CPU table). Polling: the 100 ms interval dominates (≈ 50 ms on average, up to 100 ms plus a"
                + " batch), and a full batch of 500 rows adds a round of SELECT/produce/DELETE.");
        line();
    }

    /** A fixed-rate run that could not send everything in its time (plus grace) was overloaded: say so. */
    private static String unsent(Load.FixedRateResult load) {
        return load == null || load.unsent() == 0 ? "" : "; **overloaded: " + String.format(Locale.ROOT, "%,d", load.unsent())
                + " of " + String.format(Locale.ROOT, "%,d", load.due()) + " requests never sent**";
    }

    private static String busy(CpuMeter.Usage usage) {
        if (usage == null) {
            return "n/a";
        }
        return Fmt.num(usage.machineBusy() / usage.wallSeconds(), 2) + " (" + Fmt.num(usage.others() / usage.wallSeconds(), 2) + ")";
    }

    // ------------------------------------------------------------------------------------------------ P3

    private void p3Details() {
        line("## P3 — relay drain");
        line();
        line("Both services stopped; " + String.format(Locale.ROOT, "%,d", r.p3Events) + " orders committed straight into the"
                + " service's database with the service's own transaction (`OrderSql`, 4 writers, "
                + Fmt.num(r.p3BacklogWriteSeconds, 1) + " s), so the WAL holds exactly what the service would have written"
                + " (orders, items, outbox insert and delete per transaction), kept by the replication slot. Then the command"
                + " service starts, and its relay drains the backlog. The rate is taken from the topic's end offsets (polled every"
                + " 10 ms) between the first new record and the last: " + Fmt.num(r.p3OursDrainSeconds, 1) + " s. From the"
                + " launch of the JVM it took " + Fmt.num(r.p3OursSecondsFromLaunch, 1) + " s in all. Baseline: the very records"
                + " read back from the topic (key, value, headers) sent by one raw `KafkaProducer` with the relay's settings"
                + " (acks=all, idempotent, linger 1 ms, 5 in flight) to a fresh topic with as many partitions, measured the same"
                + " way (send loop + flush took " + Fmt.num(r.p3BaselineSendSeconds, 2) + " s).");
        line();
        line("| | events/s | CPU: relay side (cores) |");
        line("|---|---|---|");
        line("| ours: WAL → Debezium → Kafka | " + Fmt.rate(r.p3OursRate) + " | " + cpuBrief(r.p3OursCpu) + " |");
        line("| raw KafkaProducer | " + Fmt.rate(r.p3BaselineRate) + " | " + cpuBrief(r.p3BaselineCpu) + " |");
        line();
        line("**What limits it.** Our relay is one pipeline: PostgreSQL's walsender decodes every WAL record of the backlog"
                + " (the orders and items too, filtered by the publication), Debezium converts each change to a Connect record"
                + " and runs the EventRouter, and `KafkaEventPublisher` sends a batch (≤ " + "2,048 events), then flushes and"
                + " waits for every ack before it asks for the next one, so the producer never has more than one batch in"
                + " flight. The raw producer pipelines everything. The CPU columns show which process was busy.");
        line();
    }

    private static String cpuBrief(CpuMeter.Usage usage) {
        if (usage == null) {
            return "n/a";
        }
        StringBuilder text = new StringBuilder();
        usage.seconds().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(4)
                .forEach(entry -> text.append(text.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
                        .append(Fmt.num(entry.getValue() / usage.wallSeconds(), 2)));
        return text + "; others " + Fmt.num(usage.others() / usage.wallSeconds(), 2);
    }

    // ------------------------------------------------------------------------------------------------ P4

    private void p4Details() {
        line("## P4 — projection rebuild");
        line();
        line("Method: " + r.p4Method + ". The figure is events applied ÷ the time from the request until the rebuild"
                + (r.p4Complete ? " had copied the topic (it then switches the alias and drains)"
                : " had run for " + r.settings.p4MaxTime().toSeconds() + " s (then it was stopped, with "
                + String.format(Locale.ROOT, "%,d", r.p4Remaining) + " events to go: the rate is steady long before that)")
                + ": " + String.format(Locale.ROOT, "%,d", r.p4Events) + " events in " + Fmt.num(r.p4Seconds, 1)
                + " s; the service itself reported " + Fmt.rate(r.p4ServerRate) + " events/s. It runs right after P1 and P5,"
                + " once every read model had applied everything live (so none of them competes for the CPU and the Mongo wire"
                + " server). Baseline: the "
                + String.format(Locale.ROOT, "%,d", r.p4Docs) + " documents the rebuild wrote, read back as raw BSON and"
                + " bulk-inserted with `insertMany` (batches of 500, unordered) into a fresh collection of the same database,"
                + " with the same driver (mongodb-driver-sync) and server, with the query service "
                + (r.p4Complete ? "idle" : "stopped") + ": " + Fmt.num(r.p4BaselineSeconds, 1) + " s. Every event here is"
                + " an OrderCreated, so one event is one document.");
        line();
        line("| | rate | CPU (cores) |");
        line("|---|---|---|");
        line("| ours: rebuild | " + Fmt.rate(r.p4Rate) + " events/s | " + cpuBrief(r.p4Cpu) + " |");
        line("| raw insertMany | " + Fmt.rate(r.p4BaselineRate) + " documents/s | " + cpuBrief(r.p4BaselineCpu) + " |");
        line();
        line("**What limits it.** The rebuild reads up to 500 records per poll and applies each partition's share as one"
                + " batch with the live projection's idempotent writes: one read of the documents the batch touches (to decide"
                + " duplicates, stale events and gaps in memory), then one ordered bulk of inserts and conditional updates that"
                + " record each event id, then a checkpoint write; the baseline sends 500 bare documents per round trip, with"
                + " no read, no event ids and no checkpoint. The Mongo wire server (mongo-java-server with its H2 backend, not a"
                + " real mongod) does the work of both and is single-node Java: its CPU is in the table.");
        line();
    }

    // ------------------------------------------------------------------------------------------------ P5

    private void p5Details() {
        line("## P5 — query latency");
        line();
        line("Fixed rate " + r.settings.p5Rate() + "/s for " + r.settings.p5Duration().toSeconds() + " s each (after "
                + r.settings.p5Warmup().toSeconds() + " s of warm-up), ids drawn at random from the orders created so far, latency"
                + " from the intended send time. Ours: `GET /orders/{id}` (HTTP, Spring MVC, JSON). Baseline: the query the service"
                + " runs, `find({_id}).projection(exclude appliedEventIds).first()` with mongodb-driver-sync on `"
                + r.p5Collection + "`.");
        line();
        line("| | latency |");
        line("|---|---|");
        line("| ours: GET /orders/{id} | " + (r.p5Ours == null ? "n/a" : r.p5Ours.summary()) + unsent(r.p5OursLoad) + " |");
        line("| raw driver find by _id | " + (r.p5Raw == null ? "n/a" : r.p5Raw.summary()) + unsent(r.p5RawLoad) + " |");
        line();
        line("**What limits it.** The difference is the HTTP hop and Spring MVC with JSON serialisation of the view, plus"
                + " metrics and tracing per request; both include the Mongo wire server's lookup. On 2 shared cores the tail is"
                + " mostly scheduling: a request that arrives while the CPU is taken by something else waits for it.");
        line();
    }

    // ------------------------------------------------------------------------------------------------ P6

    private void p6Details() {
        line("## P6 — footprint");
        line();
        line("| | command service | query service |");
        line("|---|---|---|");
        line("| peak RSS sampled every 250 ms during P1 (MB) | " + Fmt.mb(r.commandRssMaxKb) + " | " + Fmt.mb(r.queryRssMaxKb) + " |");
        line("| VmHWM after P1 (MB) | " + Fmt.mb(r.commandHwmKb) + " | " + Fmt.mb(r.queryHwmKb) + " |");
        line("| start → ready, both launched together by `startAll` (s) | " + seconds(r.concurrentStart.get("command-service"))
                + " | " + seconds(r.concurrentStart.get("query-service")) + " |");
        line("| start → ready, each stopped and started alone before any load (s) | " + seconds(r.commandRestart) + " | "
                + seconds(r.queryRestart) + " |");
        if (!r.stopTimes.isEmpty()) {
            line("| clean stop before that: SIGTERM until exit, SIGKILL after 30 s (s) | "
                    + seconds(r.stopTimes.get("command-service")) + " | " + seconds(r.stopTimes.get("query-service")) + " |");
        }
        line();
        line("Start → ready is LocalSystem's measure: from launching the process until `/actuator/health/readiness` answers"
                + " 200. The services run as `./run local` runs them: command service `" + r.commandJvmOptions
                + "`, query service `" + r.queryJvmOptions + "`."
                + (r.pollingCommandStart == null ? "" : " (The command service relaunched without its relay for P2's comparison"
                + " was ready in " + seconds(r.pollingCommandStart) + " s.)"));
        line();
        line("**What limits it.** RSS: the heap ceiling (`-Xmx` above) that serial GC grows into under load, plus metaspace, code cache"
                + " and thread stacks of Spring Boot, Tomcat, Debezium/Kafka Connect (command) or spring-kafka and the Mongo"
                + " driver (query). Start: class loading and Spring's context on C1 only, Flyway and the replication slot check"
                + " (command), Kafka topic and index set-up (query), all competing for 2 cores with whatever else runs.");
        line();
    }

    private void notes() {
        line("## Notes");
        line();
        if (r.notes.isEmpty()) {
            line("Every phase ran.");
        }
        for (String note : r.notes) {
            line("- " + note);
        }
        line();
        line("Reproduce: `./run bench` (the full run, about 15–20 minutes; writes this file and `" + PLOT_FILE + "`), or"
                + " `./run bench --quick` (tiny sizes, writes to `benchmarks/target/bench-quick/`). The harness is the"
                + " `benchmarks` module; `BenchQuickIT` runs the quick mode in `mvn verify`.");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Results.P2Run last(List<Results.P2Run> runs) {
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }

    private static Results.P2Run sameRate(List<Results.P2Run> runs, int rate) {
        return runs.stream().filter(run -> run.rate() == rate).findFirst().orElse(null);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "n/a" : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
