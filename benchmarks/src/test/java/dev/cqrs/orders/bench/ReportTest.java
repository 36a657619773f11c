package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    void rendersEveryFigureWithItsBaselineRatioAndVerdict() throws Exception {
        Results results = sample();

        String markdown = Report.render(results);

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

    /** The 09:07 run said "74.3×" at 1,000/s from the one followed order of 863 that became visible in 30 s. */
    @Test
    void givesNoTailRatioWhenFollowedOrdersWentMissing() throws Exception {
        Results results = sample();
        Results.P2Run ours = results.p2Ours.remove(1);
        results.p2Ours.add(new Results.P2Run(ours.rate(), 20, 20_000, 17_253, 863, 1, 862, latencies(423, 423),
                latencies(522, 522), latencies(2, 10), ours.cpu(), 287, 29_901, 2_747, "none"));

        String markdown = Report.render(results);

        assertThat(markdown).contains("n/a: 862 (ours) and 0 (polling) followed orders never became visible within 30 s")
                .contains("1,000/s: n/a (followed orders went missing)").doesNotContain("= 74");
        assertThat(Report.tailRatio(results.p2Ours.get(0), results.p2Polling.get(0))).isGreaterThan(1);
        assertThat(Report.tailRatio(results.p2Ours.get(1), results.p2Polling.get(1))).isNaN();
    }

    @Test
    void plotsThePercentileCurvesAsAPng() throws Exception {
        Results results = sample();
        Path png = dir.resolve("p2.png");

        PercentilePlot.write(png, results.p2Ours, results.p2Polling);

        assertThat(Files.size(png)).isGreaterThan(5_000);
    }

    private Results sample() {
        Results results = new Results();
        results.settings = Settings.full(dir, dir, dir, dir, dir);
        results.machine = new Machine(2, "test cpu", 24_000, "JDK 17", "Linux", "2025-01-01 00:00 UTC");
        results.loadAtStart = "1.00 / 1.00 / 1.00";
        results.commandJvmOptions = "-Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
        results.queryJvmOptions = "-Xmx180m -XX:+UseSerialGC";
        results.loadAtEnd = "3.00 / 2.00 / 1.00";
        results.totalTime = Duration.ofMinutes(15);
        Latencies fast = latencies(2, 8);
        results.p1Ours.add(new Load.ClosedLoopResult(8, 12_000, 0, 15, fast, 15_000));
        results.p1Baseline.add(new Load.ClosedLoopResult(8, 30_000, 0, 15, fast, 37_500));
        CpuMeter.Usage usage = new CpuMeter.Usage(Map.of("command service", 10.0, "PostgreSQL", 5.0), 36, 40, 20);
        results.p1OursCpu.put(8, usage);
        results.p1BaselineCpu.put(8, usage);
        results.p1OursOrders.put(8, 15_000L);
        results.p1BaselineOrders.put(8, 37_500L);
        for (int rate : new int[] {250, 1_000}) {
            results.p2Ours.add(new Results.P2Run(rate, 20, rate * 20L, rate * 20L, 1_000, 1_000, 0, latencies(5, 30),
                    latencies(6, 40), latencies(2, 10), usage, 4, 9, 0, "none"));
            results.p2Polling.add(new Results.P2Run(rate, 20, rate * 20L, rate * 20L, 1_000, 1_000, 0, latencies(60, 140),
                    latencies(61, 150), latencies(2, 10), usage, Double.NaN, 70, 0, "none"));
        }
        results.p3Events = 100_000;
        results.p3OursRate = 5_000;
        results.p3BaselineRate = 10_000;
        results.p4Events = 200_000;
        results.p4Rate = 1_000;
        results.p4BaselineRate = 4_000;
        results.p5Ours = latencies(2, 6);
        results.p5Raw = latencies(1, 3);
        results.commandRssMaxKb = 300 * 1024;
        results.queryRssMaxKb = 200 * 1024;
        results.commandRestart = Duration.ofMillis(2_500);
        results.queryRestart = Duration.ofMillis(2_000);
        results.concurrentStart.put("command-service", Duration.ofSeconds(4));
        results.concurrentStart.put("query-service", Duration.ofSeconds(4));
        return results;
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
