package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;

/** Reads process and machine counters from /proc (Linux). Every reader answers -1 or empty when it cannot tell. */
final class Procs {

    /** USER_HZ: /proc counts CPU time in these ticks; 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private Procs() {
    }

    /** VmRSS in kB. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** VmHWM (peak RSS) in kB. */
    static long hwmKb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** The JVM options of a component of the system, as {@link #jvmOptions(long)} reads them; "n/a" when it is not running. */
    static String jvmOptions(LocalSystem system, Component component) {
        return system.pid(component).map(Procs::jvmOptions).orElse("n/a");
    }

    /** The JVM options of a java process: its command-line words between the java binary and {@code -jar}. */
    static String jvmOptions(long pid) {
        try (var in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "cmdline"))) {
            List<String> words = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\u0000"));
            int jar = words.indexOf("-jar");
            // From the java binary on: which JDK the service ran on is part of the figure.
            return String.join(" ", words.subList(0, jar < 0 ? words.size() : jar));
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** utime + stime (+ cutime + cstime when {@code withReapedChildren}) in ticks. */
    static long cpuTicks(long pid, boolean withReapedChildren) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return -1;
        }
        // After the ")" that ends the command name: index 0 is field 3 (state); utime is field 14.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks;
    }

    static long parentPid(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The live children of a process. */
    static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> parentPid(pid) == parent)
                    .forEach(children::add);
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /** CPU ticks of a process tree's root (with its reaped children) plus its live children: PostgreSQL's backends. */
    static long treeCpuTicks(long root) {
        long ticks = cpuTicks(root, true);
        if (ticks < 0) {
            return -1;
        }
        for (long child : children(root)) {
            ticks += Math.max(0, cpuTicks(child, true));
        }
        return ticks;
    }

    /** {busy, total} ticks of the whole machine since boot, from /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** The 1-, 5- and 15-minute load averages. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
