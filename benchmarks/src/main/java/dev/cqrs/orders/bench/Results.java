package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one run measured: the machine and the system it ran on, each phase's result in the report's order, and the notes
 * (a failed phase among them).
 *
 * @param commandJvmOptions the services' JVM options as their processes were launched (from /proc)
 */
record Results(Settings settings, Machine machine, String loadAtStart, String loadAtEnd, double othersCores,
               double othersPeakCores, String commandJvmOptions, String queryJvmOptions, Duration totalTime,
               List<Section> sections, List<String> notes) {
}
