package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final CpuMeter.Usage USAGE = new CpuMeter.Usage(Map.of("command service", 10.0, "PostgreSQL", 5.0), 36, 40, 20);

    @TempDir
    Path dir;

    @Test
    void rendersEveryFigureWithItsBaselineRatioAndVerdict() {
        String markdown = Report.render(results(p2(ours(), polling())));

        assertThat(markdown).contains("| P1 | command throughput", "| 800 orders/s | 2,000 orders/s", "| 0.40", "| ≥ 0.6 | no |");
        assertThat(markdown).contains("| P2 | commit→visible delay at 1,000 orders/s", "p99 ").contains("polling relay");
        assertThat(markdown).contains("| P3 |", "| 0.50 | ≥ 0.3 | **yes** |");
        assertThat(markdown).contains("| P4 |", "| 0.25 | ≥ 0.7 | no |");
        assertThat(markdown).contains("| P5 |", "p99 +");
        assertThat(markdown).contains("| P6 | footprint: peak RSS", "| 300 / 200 MB |", "| 2.5 / 2.0 s |");
        assertThat(markdown).contains("load average", "2 cores");
        assertThat(markdown).contains("command service `-Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`",
                "query service `-Xmx180m -XX:+UseSerialGC`").contains("Both services also run C1-only");
    }

    @Test
    void showsThePhasesByFigureWhateverOrderTheyRanIn() {
        String markdown = Report.render(results(p2(ours(), polling())));

        List<String> headings = markdown.lines().filter(line -> line.startsWith("## ")).toList();
        assertThat(headings).containsExactly("## Summary", "## P1 — command throughput", "## Where the time goes (P1, JFR)",
                "## P2 — commit→visible delay", "## P3 — relay drain", "## P4 — projection rebuild", "## P5 — query latency",
                "## P6 — footprint", "## Notes");
        assertThat(markdown.lines().filter(line -> line.matches("\\| P[1-6] \\|.*")).map(line -> line.substring(2, 4)))
                .containsExactly("P1", "P2", "P2", "P3", "P4", "P5", "P6", "P6");
    }

    /** A p99 over the few followed orders that became visible would flatter a run that lost the others. */
    @Test
    void givesNoTailRatioWhenFollowedOrdersWentMissing() {
        List<CommitToVisible.Run> ours = ours();
        CommitToVisible.Run heavy = ours.remove(1);
        ours.add(new CommitToVisible.Run(heavy.rate(), 20, 20_000, 17_253, 863, 1, 862, latencies(423, 423),
                latencies(522, 522), latencies(2, 10), heavy.cpu(), 287, 29_901, 2_747, "none"));
        List<CommitToVisible.Run> polling = polling();

        String markdown = Report.render(results(p2(ours, polling)));

        assertThat(markdown).contains("n/a: 862 (ours) and 0 (polling) followed orders never became visible within 30 s")
                .contains("1,000/s: n/a (followed orders went missing)").doesNotContain("= 74");
        assertThat(CommitToVisible.Result.tailRatio(ours.get(0), polling.get(0))).isGreaterThan(1);
        assertThat(CommitToVisible.Result.tailRatio(ours.get(1), polling.get(1))).isNaN();
    }

    @Test
    void writesTheReportAndThePercentilePlotItShows() throws Exception {
        Path report = Report.write(results(p2(ours(), polling())), dir);

        assertThat(report).isEqualTo(dir.resolve(Report.FILE));
        assertThat(Files.readString(report)).contains("![P2 delay distribution](" + CommitToVisible.PLOT_FILE + ")");
        assertThat(Files.size(dir.resolve(CommitToVisible.PLOT_FILE))).isGreaterThan(5_000);
    }

    private Results results(CommitToVisible.Result p2) {
        Latencies fast = latencies(2, 8);
        CommandThroughput.Point point = new CommandThroughput.Point(new Load.ClosedLoopResult(8, 12_000, 0, 15, fast, 15_000),
                USAGE, 15_000, new Load.ClosedLoopResult(8, 30_000, 0, 15, fast, 37_500), USAGE, 37_500);
        List<Section> sections = List.of(
                new CommandThroughput.Result(List.of(point), Pgbench.Result.NONE, null),
                p2,
                new RelayDrain.Result(100_000, Double.NaN, new RelayDrain.Ours(5_000, Double.NaN, Double.NaN, null),
                        new RelayDrain.Raw(10_000, Double.NaN, null)),
                new Rebuild.Result("test", new Rebuild.Copy(200_000, 200, Double.NaN, true, 0, "order_views", null),
                        new Rebuild.Bulk(200_000, 50, null)),
                new QueryLatency.Result(new QueryLatency.Side(latencies(2, 6), null), "order_views",
                        new QueryLatency.Side(latencies(1, 3), null)),
                new Footprint.Result(
                        Map.of("command-service", Duration.ofSeconds(4), "query-service", Duration.ofSeconds(4)),
                        Map.of("command-service", Duration.ofMillis(2_500), "query-service", Duration.ofMillis(2_000)),
                        Map.of(), new Footprint.Memory(300 * 1024, 200 * 1024, -1, -1), null));
        return new Results(Settings.full(dir, dir, dir, dir, dir), new Machine(2, "test cpu", 24_000, "JDK 17", "Linux",
                "2025-01-01 00:00 UTC"), "1.00 / 1.00 / 1.00", "3.00 / 2.00 / 1.00",
                "-Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", "-Xmx180m -XX:+UseSerialGC", Duration.ofMinutes(15),
                sections, List.of());
    }

    private static CommitToVisible.Result p2(List<CommitToVisible.Run> ours, List<CommitToVisible.Run> polling) {
        return new CommitToVisible.Result(ours, polling, List.of("before P5: all read models had caught up after 0 s"));
    }

    private static List<CommitToVisible.Run> ours() {
        List<CommitToVisible.Run> runs = new ArrayList<>();
        for (int rate : new int[] {250, 1_000}) {
            runs.add(new CommitToVisible.Run(rate, 20, rate * 20L, rate * 20L, 1_000, 1_000, 0, latencies(5, 30),
                    latencies(6, 40), latencies(2, 10), USAGE, 4, 9, 0, "none"));
        }
        return runs;
    }

    private static List<CommitToVisible.Run> polling() {
        List<CommitToVisible.Run> runs = new ArrayList<>();
        for (int rate : new int[] {250, 1_000}) {
            runs.add(new CommitToVisible.Run(rate, 20, rate * 20L, rate * 20L, 1_000, 1_000, 0, latencies(60, 140),
                    latencies(61, 150), latencies(2, 10), USAGE, Double.NaN, 70, 0, "none"));
        }
        return runs;
    }

    private static Latencies latencies(double p50Ms, double p99Ms) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 98; i++) {
            latencies.recordNanos((long) (p50Ms * 1_000_000));
        }
        latencies.recordNanos((long) (p99Ms * 1_000_000));
        latencies.recordNanos((long) (p99Ms * 1_000_000));
        return latencies;
    }
}
