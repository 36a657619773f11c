package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, filled in phase by phase; what a phase could not measure stays NaN / empty. */
final class Results {

    Settings settings;
    Machine machine;
    String loadAtStart = "n/a";
    /** The services' JVM options as their processes were launched (from /proc), for the report. */
    String commandJvmOptions = "n/a";
    String queryJvmOptions = "n/a";
    String loadAtEnd = "n/a";
    Duration totalTime = Duration.ZERO;
    final List<String> notes = new ArrayList<>();
    /** The query service's own view of each read model's lag at a few points of the run. */
    final List<String> readModelSnapshots = new ArrayList<>();

    // P6: start-up
    final Map<String, Duration> concurrentStart = new LinkedHashMap<>();
    /** How long a clean stop (SIGTERM until the process ended, SIGKILL after 30 s) took, full mode only. */
    final Map<String, Duration> stopTimes = new LinkedHashMap<>();
    Duration commandRestart;
    Duration queryRestart;
    Duration pollingCommandStart;

    // P1
    final List<Load.ClosedLoopResult> p1Ours = new ArrayList<>();
    final List<Load.ClosedLoopResult> p1Baseline = new ArrayList<>();
    final Map<Integer, CpuMeter.Usage> p1OursCpu = new LinkedHashMap<>();
    final Map<Integer, CpuMeter.Usage> p1BaselineCpu = new LinkedHashMap<>();
    /** Orders created inside each CPU window (warm-up, measured part and, for ours, the relay and projections catching up). */
    final Map<Integer, Long> p1OursOrders = new LinkedHashMap<>();
    final Map<Integer, Long> p1BaselineOrders = new LinkedHashMap<>();
    double pgbenchTps = Double.NaN;
    int pgbenchClients;
    JfrProfile.Summary profile;
    CpuMeter.Usage profileCpu;
    Load.ClosedLoopResult profileRun;

    // P6: memory under P1 load
    long commandRssMaxKb = -1;
    long queryRssMaxKb = -1;
    long commandHwmKb = -1;
    long queryHwmKb = -1;

    // P2
    final List<Integer> p2Rates = new ArrayList<>();
    final List<P2Run> p2Ours = new ArrayList<>();
    final List<P2Run> p2Polling = new ArrayList<>();

    // P3
    int p3Events;
    double p3BacklogWriteSeconds = Double.NaN;
    double p3OursRate = Double.NaN;
    double p3OursSecondsFromLaunch = Double.NaN;
    double p3OursDrainSeconds = Double.NaN;
    double p3BaselineRate = Double.NaN;
    double p3BaselineSendSeconds = Double.NaN;
    CpuMeter.Usage p3OursCpu;
    CpuMeter.Usage p3BaselineCpu;

    // P4
    String p4Method = "n/a";
    long p4Events;
    double p4Seconds = Double.NaN;
    double p4Rate = Double.NaN;
    double p4ServerRate = Double.NaN;
    long p4Docs;
    double p4BaselineRate = Double.NaN;
    double p4BaselineSeconds = Double.NaN;
    boolean p4Complete;
    long p4Remaining;
    CpuMeter.Usage p4Cpu;
    CpuMeter.Usage p4BaselineCpu;

    // P5
    Latencies p5Ours;
    Latencies p5Raw;
    Load.FixedRateResult p5OursLoad;
    Load.FixedRateResult p5RawLoad;
    String p5Collection = "n/a";

    /** One offered load of P2 through one relay. */
    record P2Run(int rate, double seconds, long due, long created, long checked, long visible, long missing, Latencies commitToVisible,
                 Latencies intendedToVisible, Latencies post, CpuMeter.Usage cpu, double relayMeanMs, double projectionMeanMs,
                 long unsent, String lastMiss) {
    }

    Load.ClosedLoopResult best(List<Load.ClosedLoopResult> runs) {
        return runs.stream().max(java.util.Comparator.comparingDouble(Load.ClosedLoopResult::rate)).orElse(null);
    }

    Load.ClosedLoopResult at(List<Load.ClosedLoopResult> runs, int clients) {
        return runs.stream().filter(run -> run.clients() == clients).findFirst().orElse(null);
    }
}
