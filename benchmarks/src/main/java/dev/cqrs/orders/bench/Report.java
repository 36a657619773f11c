package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes benchmarks.md: the run's machine and system, the summary table of every figure with its baseline and ratio,
 * then each phase's section (each {@link Section} writes its own), then the notes.
 */
final class Report {

    static final String FILE = "benchmarks.md";

    private Report() {
    }

    /** Writes the report and the files its sections refer to into {@code dir}; answers the report's path. */
    static Path write(Results results, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
        for (Section section : results.sections()) {
            section.writeFiles(dir);
        }
        return file;
    }

    static String render(Results r) {
        Markdown out = new Markdown();
        header(out, r);
        out.heading("Summary");
        out.tableHead("id", "figure", "ours", "baseline", "ratio", "goal", "met?");
        for (Section section : r.sections()) {
            section.summary(out, r);
        }
        out.line();
        out.line("Ratios are ours ÷ baseline for rates (higher is better). P2 compares tails (polling p99 ÷ ours p99); P5 is"
                + " ours − raw. A goal is met only when its numbers were measured.");
        out.line();
        for (Section section : r.sections()) {
            section.details(out, r);
        }
        notes(out, r);
        return out.toString();
    }

    private static void header(Markdown out, Results r) {
        Machine m = r.machine();
        out.line("# Benchmarks");
        out.line();
        out.line("Written by `./run bench`" + (r.settings().quick() ? " --quick (tiny sizes: this checks the harness, its numbers mean little)" : "")
                + ". Do not edit by hand: run it again. Every figure is measured next to its baseline, on this machine, in"
                + " the same run; absolute numbers on shared 2-core machines drift from run to run, the ratios hold better.");
        out.line();
        out.tableHead("", "");
        out.line("| date | " + m.date() + " (the run took " + minutes(r.totalTime()) + ") |");
        out.line("| machine | " + m.cores() + " cores (" + m.cpuModel() + "), " + Markdown.count(m.memoryMb()) + " MB memory |");
        out.line("| JDK | " + m.jdk() + " |");
        out.line("| OS | " + m.os() + " |");
        out.line("| load average (1/5/15 min) | at start " + r.loadAtStart() + "; at end " + r.loadAtEnd() + " (the benchmark's"
                + " own processes count in it) |");
        out.line("| other processes | outside the system and the harness (the ops console and the kernel's threads among them),"
                + " while figures were measured: " + Fmt.num(r.othersCores(), 2) + " cores on average, at most "
                + Fmt.num(r.othersPeakCores(), 2) + " in one window" + (shared(r)
                ? " — **the machine was shared with other work during this run**" : "") + " |");
        out.line("| system | started with local-stack's LocalSystem exactly as `./run local` starts it (each component its own"
                + " process), on free ports and its own data directory; command service `" + r.commandJvmOptions()
                + "`, query service `" + r.queryJvmOptions() + "` |");
        out.line("| sizes | " + r.settings().describe() + " |");
        out.line();
    }

    /** More than a tenth of the machine busy with something else on average: figures of such a run are suspect. */
    private static boolean shared(Results r) {
        return r.othersCores() > r.machine().cores() * 0.1;
    }

    private static void notes(Markdown out, Results r) {
        out.heading("Notes");
        if (r.notes().isEmpty()) {
            out.line("Every phase ran.");
        }
        for (String note : r.notes()) {
            out.line("- " + note);
        }
        out.line();
        out.line("Reproduce: `./run bench` (the full run, about 15–20 minutes; writes this file and `" + CommitToVisible.PLOT_FILE
                + "`), or `./run bench --quick` (tiny sizes, writes to `benchmarks/target/bench-quick/`). The harness is the"
                + " `benchmarks` module; `BenchQuickIT` runs the quick mode in `mvn verify`.");
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }
}
