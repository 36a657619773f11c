package dev.cqrs.orders.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Sizes of one run: {@link #quick} keeps the harness working in a test; {@link #full} is the report's run;
 * {@link #medium} compares a change before and after on a shared machine in about ten minutes (by the ratios to the
 * baselines of the same run).
 */
record Settings(
        boolean quick,
        Path workDir,
        Path outDir,
        Path stackJar,
        Path commandJar,
        Path queryJar,
        Duration warmup,
        Duration idle,
        List<Integer> p1Concurrency,
        Duration p1Warmup,
        Duration p1Measure,
        List<Integer> p2Rates,
        Duration p2Duration,
        int p3Events,
        Duration p4MaxTime,
        int p5Rate,
        Duration p5Warmup,
        Duration p5Duration) {

    static Settings quick(Path workDir, Path outDir, Path stackJar, Path commandJar, Path queryJar) {
        return new Settings(true, workDir, outDir, stackJar, commandJar, queryJar,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                List.of(1, 4), Duration.ofSeconds(1), Duration.ofSeconds(3),
                List.of(20), Duration.ofSeconds(3),
                2_000,
                Duration.ofSeconds(60),
                50, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    static Settings medium(Path workDir, Path outDir, Path stackJar, Path commandJar, Path queryJar) {
        return new Settings(false, workDir, outDir, stackJar, commandJar, queryJar,
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                List.of(4, 8), Duration.ofSeconds(5), Duration.ofSeconds(10),
                List.of(50, 250), Duration.ofSeconds(10),
                20_000,
                Duration.ofSeconds(60),
                200, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    static Settings full(Path workDir, Path outDir, Path stackJar, Path commandJar, Path queryJar) {
        return new Settings(false, workDir, outDir, stackJar, commandJar, queryJar,
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                List.of(1, 4, 8, 16), Duration.ofSeconds(5), Duration.ofSeconds(15),
                List.of(50, 250, 500, 1_000), Duration.ofSeconds(20),
                100_000,
                Duration.ofMinutes(5),
                500, Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%s: P1 clients %s, %d s warm-up + %d s measured each; P2 %s orders/s for"
                        + " %d s each (the lightest also right after start), idle CPU over %d s; P3 backlog %,d events, pipelined and one"
                        + " batch at a time; P5 %d GET/s for %d s",
                quick ? "quick" : p3Events < 100_000 ? "medium" : "full", p1Concurrency, p1Warmup.toSeconds(), p1Measure.toSeconds(), p2Rates,
                p2Duration.toSeconds(), idle.toSeconds(), p3Events, p5Rate, p5Duration.toSeconds());
    }
}
