package dev.cqrs.orders.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.bench.CommitToVisible.Result;
import dev.cqrs.orders.bench.CommitToVisible.Run;

/**
 * P2's targets in the summary (commit→visible as a client sees it at the light load, fresh and warmed; the whole
 * system's CPU there and idle; the tail at 250/s), and the section's tables of hops and idle CPU.
 */
final class P2Targets {

    static final int TAIL_RATE = 250;

    private P2Targets() {
    }

    /** The warmed row first: it has the baseline (the polling relay), which the summary's first row of a figure shows. */
    static void summary(Markdown out, Result p2) {
        Run light = p2.ours().isEmpty() ? null : p2.ours().get(0);
        Run fresh = p2.fresh();
        if (light != null) {
            Run lightPolling = Result.sameRate(p2.polling(), light.rate());
            double times = Result.tailRatio(light, lightPolling);
            out.row("P2", "commit→visible as a client sees it at " + light.rate() + " orders/s, **warmed** (after P1, P4 and"
                            + " P5), p50 / p99", p50p99(light),
                    lightPolling == null ? "n/a" : p50p99(lightPolling) + ", polling relay (100 ms)",
                    Result.tailRatioText(light, lightPolling), "p50 ≤ 10 ms, p99 ≤ 30 ms; polling p99 ÷ ours ≥ 3×",
                    Markdown.met(meetsTarget(light) && times >= 3, light.checked() == 0 ? Double.NaN : 0));
        }
        if (fresh != null) {
            out.row("P2", "the same, **fresh** (right after start, before any other load)", p50p99(fresh), "—", "—",
                    "p50 ≤ 10 ms, p99 ≤ 30 ms", Markdown.met(meetsTarget(fresh), fresh.checked() == 0 ? Double.NaN : 0));
        }
        if (light != null) {
            Run lightPolling = Result.sameRate(p2.polling(), light.rate());
            double cores = light.systemCores();
            out.row("P2", "CPU at " + light.rate() + " orders/s (warmed), whole system: both services, PostgreSQL, Kafka, Mongo"
                            + " wire server", Fmt.num(cores, 2) + " cores",
                    lightPolling == null ? "n/a" : Fmt.num(lightPolling.systemCores(), 2) + " cores, polling relay", "—",
                    "≤ 0.4 cores", Markdown.met(cores <= 0.4, cores));
        }
        idleRow(out, p2.idle());
        Run tail = Result.sameRate(p2.ours(), TAIL_RATE);
        if (tail != null) {
            Run tailPolling = Result.sameRate(p2.polling(), TAIL_RATE);
            boolean met = tail.missing() == 0 && tail.commitToVisible().p99() <= 100;
            out.row("P2", "commit→visible at " + TAIL_RATE + " orders/s (warmed), p50 / p99", p50p99(tail),
                    tailPolling == null ? "n/a" : p50p99(tailPolling) + ", polling relay (100 ms)",
                    Result.tailRatioText(tail, tailPolling), "p99 ≤ 100 ms: the read side keeps up",
                    Markdown.met(met, tail.checked() == 0 ? Double.NaN : 0));
        }
    }

    private static void idleRow(Markdown out, CpuMeter.Usage idle) {
        double command = cores(idle, "command service");
        double query = cores(idle, "query service");
        out.row("P2", "idle CPU per service, command / query (nothing asked of them, everything applied)",
                Fmt.num(command, 3) + " / " + Fmt.num(query, 3) + " cores", "—", "—", "≤ 0.02 cores each",
                Markdown.met(command <= 0.02 && query <= 0.02, idle == null ? Double.NaN : command + query));
    }

    /** Where each run's delay went, from the services' own histograms, beside what the client saw. */
    static void hops(Markdown out, Result p2) {
        out.line("Hop by hop, from the services' own histograms over each run (a percentile is known up to its bucket's upper"
                + " bound), beside the client's commit→visible; and each service's GC pauses in the run (count, total):");
        out.line();
        out.tableHead("relay", "offered/s", "client commit→visible p50 / p99 ms", "commit→published p50 / p99 ms",
                "commit→applied (order view) p50 / p99 ms", "GC pauses, command service", "GC pauses, query service");
        List<Run> fresh = p2.fresh() == null ? List.of() : List.of(p2.fresh());
        for (List<Run> runs : List.of(fresh, p2.ours(), p2.polling())) {
            for (Run run : runs) {
                String name = runs == fresh ? "ours, fresh" : runs == p2.ours() ? "ours" : "polling (100 ms)";
                out.line("| " + name + " | " + Markdown.count(run.rate()) + " | " + Fmt.ms(run.commitToVisible().p50())
                        + " / " + Fmt.ms(run.commitToVisible().p99()) + " | " + run.hops().cells() + " |");
            }
        }
        out.line();
        out.line("The relay's commit→published starts at the transaction's clock reading; published→applied holds Kafka, the"
                + " consumer's fetch and the projection's write; applied→visible is the read-your-writes wake-up and the GET's"
                + " answer. The polling relay has no histogram of its own.");
        out.line();
    }

    /**
     * Each process's cores in each run, ours beside the polling relay's: which process the whole system's CPU at a rate
     * goes to. The harness holds the load generator, and in the polling runs the polling relay too.
     */
    static void coresByProcess(Markdown out, Result p2) {
        List<Run> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (p2.fresh() != null && p2.fresh().cpu() != null) {
            runs.add(p2.fresh());
            names.add("ours, fresh, " + Markdown.count(p2.fresh().rate()) + "/s");
        }
        for (List<Run> each : List.of(p2.ours(), p2.polling())) {
            for (Run run : each) {
                if (run.cpu() != null) {
                    runs.add(run);
                    names.add((each == p2.ours() ? "ours, " : "polling, ") + Markdown.count(run.rate()) + "/s");
                }
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        out.line("Cores used by each process during each run (the harness is the load generator, and in the polling runs"
                + " the polling relay too):");
        out.line();
        List<String> head = new ArrayList<>(List.of("process"));
        head.addAll(names);
        out.tableHead(head.toArray(String[]::new));
        for (String process : runs.get(0).cpu().seconds().keySet()) {
            StringBuilder row = new StringBuilder("| " + process + " |");
            runs.forEach(run -> row.append(' ').append(Fmt.num(cores(run.cpu(), process), 2)).append(" |"));
            out.line(row.toString());
        }
        StringBuilder others = new StringBuilder("| other processes on the machine |");
        runs.forEach(run -> others.append(' ').append(Fmt.num(run.cpu().others() / run.cpu().wallSeconds(), 2)).append(" |"));
        out.line(others.toString());
        out.line();
    }

    /** Every process's CPU while the system was idle. */
    static void idle(Markdown out, CpuMeter.Usage idle) {
        if (idle == null) {
            return;
        }
        out.line("Idle, over " + Fmt.num(idle.wallSeconds(), 0) + " s with no requests and every read model caught up, cores"
                + " used by each process:");
        out.line();
        out.tableHead("process", "cores");
        for (Map.Entry<String, Double> entry : idle.seconds().entrySet()) {
            out.line("| " + entry.getKey() + " | " + Fmt.num(entry.getValue() / idle.wallSeconds(), 3) + " |");
        }
        out.line();
    }

    private static boolean meetsTarget(Run run) {
        return run.missing() == 0 && run.visible() > 0 && run.commitToVisible().p50() <= 10
                && run.commitToVisible().p99() <= 30;
    }

    private static double cores(CpuMeter.Usage usage, String process) {
        return usage == null ? Double.NaN : usage.seconds().getOrDefault(process, Double.NaN) / usage.wallSeconds();
    }

    static String p50p99(Run run) {
        return Fmt.ms(run.commitToVisible().p50()) + " / " + Fmt.ms(run.commitToVisible().p99()) + " ms";
    }
}
