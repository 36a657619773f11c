package dev.cqrs.orders.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * CPU time used by each process of the system during a window, and by the machine as a whole: on a shared 2-core
 * machine this tells whether a figure was limited by CPU, and whose.
 */
final class CpuMeter {

    /** The harness's own process: measured, but not part of the system under test. */
    static final String HARNESS = "load generator (harness)";

    /** CPU seconds per process group, and the machine's busy and total CPU seconds over the window. */
    record Usage(Map<String, Double> seconds, double machineBusy, double machineTotal, double wallSeconds) {

        double ours() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Busy CPU time of processes outside the system and the harness (other builds on a shared machine). */
        double others() {
            return Math.max(0, machineBusy - ours());
        }

        double cores() {
            return machineTotal / wallSeconds;
        }
    }

    private final Map<String, LongSupplier> processes = new LinkedHashMap<>();
    /** Every window stopped so far: how busy the rest of the machine was while something was measured. */
    private final List<Usage> measured = new CopyOnWriteArrayList<>();

    CpuMeter add(String name, LongSupplier ticks) {
        processes.put(name, ticks);
        return this;
    }

    Window start() {
        return new Window();
    }

    /** Cores busy with other processes than the system and the harness, over every window measured; NaN if none. */
    double othersCores() {
        double wall = measured.stream().mapToDouble(Usage::wallSeconds).sum();
        return wall <= 0 ? Double.NaN : measured.stream().mapToDouble(Usage::others).sum() / wall;
    }

    /** The same in the window where it was highest. */
    double othersPeakCores() {
        return measured.stream().filter(usage -> usage.wallSeconds() > 0)
                .mapToDouble(usage -> usage.others() / usage.wallSeconds()).max().orElse(Double.NaN);
    }

    final class Window {
        private final Map<String, Long> before = new LinkedHashMap<>();
        private final long[] machineBefore = Procs.machineTicks();
        private final long startNanos = System.nanoTime();

        private Window() {
            processes.forEach((name, ticks) -> before.put(name, ticks.getAsLong()));
        }

        Usage stop() {
            long[] machineAfter = Procs.machineTicks();
            Map<String, Double> seconds = new LinkedHashMap<>();
            processes.forEach((name, ticks) -> {
                long start = before.get(name);
                long end = ticks.getAsLong();
                seconds.put(name, start < 0 || end < 0 ? 0.0 : Math.max(0, end - start) / Procs.TICKS_PER_SECOND);
            });
            Usage usage = new Usage(seconds, (machineAfter[0] - machineBefore[0]) / Procs.TICKS_PER_SECOND,
                    (machineAfter[1] - machineBefore[1]) / Procs.TICKS_PER_SECOND, (System.nanoTime() - startNanos) / 1e9);
            measured.add(usage);
            return usage;
        }
    }
}
