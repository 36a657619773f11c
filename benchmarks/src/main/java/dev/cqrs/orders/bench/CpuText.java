package dev.cqrs.orders.bench;

import java.util.Map;

/** How the report shows a {@link CpuMeter.Usage}: in a table, in brief, and as a verdict on what bounded a run. */
final class CpuText {

    private CpuText() {
    }

    /** The four busiest processes and everything else, in cores. */
    static String brief(CpuMeter.Usage usage) {
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

    /** One run of a figure in a {@link #rateTable}: its name, its rate as the report words it, and the CPU it used. */
    record Run(String name, String rate, CpuMeter.Usage cpu) {
    }

    /** A figure's runs side by side, ours first then the baseline: each one's rate and, in brief, its CPU. */
    static void rateTable(Markdown out, String rateColumn, String cpuColumn, Run... runs) {
        out.tableHead("", rateColumn, cpuColumn);
        for (Run run : runs) {
            out.line("| " + run.name() + " | " + run.rate() + " | " + brief(run.cpu()) + " |");
        }
    }

    /** Cores the machine was busy, and (in brackets) those of them busy with other processes than this benchmark. */
    static String busy(CpuMeter.Usage usage) {
        if (usage == null) {
            return "n/a";
        }
        return Fmt.num(usage.machineBusy() / usage.wallSeconds(), 2) + " (" + Fmt.num(usage.others() / usage.wallSeconds(), 2) + ")";
    }

    /** CPU per operation and cores used, by process, of two runs side by side ({@code b} may be missing). */
    static void table(Markdown out, CpuMeter.Usage a, double opsA, CpuMeter.Usage b, double opsB, String nameA, String nameB) {
        if (a == null) {
            out.line("(no CPU figures)");
            return;
        }
        out.line("| process | " + nameA + ": CPU ms per order | " + nameA + ": cores used | "
                + (b == null ? "" : nameB + ": CPU ms per order | " + nameB + ": cores used |"));
        out.line("|---|---|---|" + (b == null ? "" : "---|---|"));
        for (Map.Entry<String, Double> entry : a.seconds().entrySet()) {
            double bSeconds = b == null ? 0 : b.seconds().getOrDefault(entry.getKey(), 0.0);
            out.line("| " + entry.getKey() + " | " + Fmt.num(1000 * entry.getValue() / opsA, 3) + " | "
                    + Fmt.num(entry.getValue() / a.wallSeconds(), 2) + " | "
                    + (b == null ? "" : Fmt.num(1000 * bSeconds / opsB, 3) + " | " + Fmt.num(bSeconds / b.wallSeconds(), 2) + " |"));
        }
        out.line("| **all of the above** | " + Fmt.num(1000 * a.ours() / opsA, 3) + " | " + Fmt.num(a.ours() / a.wallSeconds(), 2) + " | "
                + (b == null ? "" : Fmt.num(1000 * b.ours() / opsB, 3) + " | " + Fmt.num(b.ours() / b.wallSeconds(), 2) + " |"));
        out.line("| other processes on the machine | | " + Fmt.num(a.others() / a.wallSeconds(), 2) + " | "
                + (b == null ? "" : " | " + Fmt.num(b.others() / b.wallSeconds(), 2) + " |"));
    }

    /** Whether a run was CPU-bound, and which process used the most. */
    static String verdict(CpuMeter.Usage usage, String what) {
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
}
