package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;

/**
 * P6: each service's memory and start-up. Its own step stops and starts each service alone; the rest is taken where it
 * happens: the start of the whole system, the memory under P1's load, and the command service's relaunch for P2.
 */
final class Footprint {

    private static final List<Component> SERVICES = List.of(Component.COMMAND, Component.QUERY);

    /**
     * Peak RSS sampled every 250 ms during P1, and VmHWM after it, in kB (-1: not measured); where each service's RSS sat
     * at the end of P1.
     */
    record Memory(long commandRssMaxKb, long queryRssMaxKb, long commandHwmKb, long queryHwmKb, JvmMemory command,
                  JvmMemory query) {
        static final Memory NONE = new Memory(-1, -1, -1, -1, JvmMemory.NONE, JvmMemory.NONE);
    }

    /**
     * Start → ready of each service by component id: both launched together, and each started alone; how long a clean
     * stop (SIGTERM until the process ended, SIGKILL after 30 s) took, full mode only.
     */
    record Result(Map<String, Duration> concurrentStart, Map<String, Duration> aloneStart, Map<String, Duration> stopTimes,
                  Memory memory, Duration pollingCommandStart) implements Section {

        @Override
        public void summary(Markdown out, Results run) {
            long commandRss = Math.max(memory.commandRssMaxKb(), memory.commandHwmKb());
            long queryRss = Math.max(memory.queryRssMaxKb(), memory.queryHwmKb());
            boolean rssMet = commandRss > 0 && queryRss > 0 && commandRss <= 200 * 1024 && queryRss <= 256 * 1024;
            out.row("P6", "footprint: peak RSS under P1 load, command / query service",
                    Fmt.mb(commandRss) + " / " + Fmt.mb(queryRss) + " MB", "—", "—", "≤ 200 / 256 MB",
                    Markdown.met(rssMet, commandRss > 0 ? 0 : Double.NaN));
            Duration command = aloneStart.get(Component.COMMAND.id());
            Duration query = aloneStart.get(Component.QUERY.id());
            boolean startMet = command != null && query != null && command.toMillis() <= 3000 && query.toMillis() <= 3000;
            out.row("P6", "footprint: start → ready, each service started alone (both at once: "
                            + bothServices(concurrentStart, " / ") + " s)",
                    Markdown.seconds(command) + " / " + Markdown.seconds(query) + " s", "—", "—", "≤ 3 s each",
                    Markdown.met(startMet, command == null ? Double.NaN : 0));
        }

        @Override
        public void details(Markdown out, Results run) {
            out.heading("P6 — footprint");
            out.tableHead("", "command service", "query service");
            out.line("| peak RSS sampled every 250 ms during P1 (MB) | " + Fmt.mb(memory.commandRssMaxKb()) + " | "
                    + Fmt.mb(memory.queryRssMaxKb()) + " |");
            out.line("| VmHWM after P1 (MB) | " + Fmt.mb(memory.commandHwmKb()) + " | " + Fmt.mb(memory.queryHwmKb()) + " |");
            JvmMemory c = memory.command();
            JvmMemory q = memory.query();
            out.line("| at the end of P1: RSS (MB) | " + Fmt.num(c.rssMb(), 0) + " | " + Fmt.num(q.rssMb(), 0) + " |");
            out.line("| … heap used / committed (MB) | " + Fmt.num(c.heapUsedMb(), 0) + " / " + Fmt.num(c.heapCommittedMb(), 0)
                    + " | " + Fmt.num(q.heapUsedMb(), 0) + " / " + Fmt.num(q.heapCommittedMb(), 0) + " |");
            out.line("| … metaspace and class space committed (MB) | " + Fmt.num(c.metaspaceMb(), 0) + " | "
                    + Fmt.num(q.metaspaceMb(), 0) + " |");
            out.line("| … code cache committed (MB) | " + Fmt.num(c.codeCacheMb(), 0) + " | " + Fmt.num(q.codeCacheMb(), 0) + " |");
            out.line("| … direct buffers (MB) | " + Fmt.num(c.directMb(), 0) + " | " + Fmt.num(q.directMb(), 0) + " |");
            out.line("| … the rest, with the heap counted as used: thread stacks (" + Fmt.num(c.threads(), 0) + " / "
                    + Fmt.num(q.threads(), 0) + " threads), malloc, GC structures, class-data archive, libraries (MB) | " + Fmt.num(c.restMb(), 0) + " | "
                    + Fmt.num(q.restMb(), 0) + " |");
            out.line("| start → ready, both launched together by `startAll` (s) | " + bothServices(concurrentStart, " | ") + " |");
            out.line("| start → ready, each stopped and started alone before any load (s) | " + bothServices(aloneStart, " | ") + " |");
            if (!stopTimes.isEmpty()) {
                out.line("| clean stop before that: SIGTERM until exit, SIGKILL after 30 s (s) | " + bothServices(stopTimes, " | ") + " |");
            }
            out.line();
            out.line("Start → ready is LocalSystem's measure: from launching the process until `/actuator/health/readiness` answers"
                    + " 200. The services run as `./run local` runs them: command service `" + run.commandJvmOptions()
                    + "`, query service `" + run.queryJvmOptions() + "`."
                    + (pollingCommandStart == null ? "" : " (The command service relaunched without its relay for P2's comparison"
                    + " was ready in " + Markdown.seconds(pollingCommandStart) + " s.)"));
            out.line();
            out.line("**What limits it.** RSS: the heap that serial GC grows under load (from `-Xms` toward `-Xmx` above), plus metaspace, code cache"
                    + " and thread stacks of Spring Boot, Tomcat, Debezium/Kafka Connect (command) or spring-kafka and the Mongo"
                    + " driver (query); the rows above split it as the JVM reports it. The next lever is the largest of them: a"
                    + " lower heap ceiling where the live heap allows it, fewer threads, or the class metadata of what the"
                    + " service loads. Start: class loading and Spring's context on C1 only, Flyway and the replication slot check"
                    + " (command), Kafka topic and index set-up (query), all competing for 2 cores with whatever else runs.");
            out.line();
        }

        private static String bothServices(Map<String, Duration> times, String separator) {
            return Markdown.seconds(times.get(Component.COMMAND.id())) + separator + Markdown.seconds(times.get(Component.QUERY.id()));
        }
    }

    private final Settings settings;
    private final LocalSystem system;
    private final Map<String, Duration> concurrentStart = new LinkedHashMap<>();
    private final Map<String, Duration> aloneStart = new LinkedHashMap<>();
    private final Map<String, Duration> stopTimes = new LinkedHashMap<>();
    private Memory memory = Memory.NONE;
    private Duration pollingCommandStart;

    Footprint(Settings settings, LocalSystem system) {
        this.settings = settings;
        this.system = system;
    }

    /** Start → ready of both services as {@code startAll} launched them together. */
    void recordConcurrentStart() {
        for (Component service : SERVICES) {
            system.startupTime(service).ifPresent(time -> concurrentStart.put(service.id(), time));
        }
    }

    /**
     * Stops and starts each service on its own, before any load. The quick mode kills instead: a clean stop can take the
     * whole 30 s grace (see docs/benchmark-harness.md).
     */
    void restartEachAlone() {
        for (Component service : SERVICES) {
            long stopping = System.nanoTime();
            if (settings.quick()) {
                system.kill(service);
            } else {
                system.stop(service);
                stopTimes.put(service.id(), Duration.ofNanos(System.nanoTime() - stopping));
            }
            system.start(service);
            system.startupTime(service).ifPresent(time -> aloneStart.put(service.id(), time));
        }
    }

    /** The memory P1 sampled under its load. */
    void recordMemory(Memory underLoad) {
        this.memory = underLoad;
    }

    /** Start → ready of the command service relaunched without its relay for P2's polling comparison. */
    void recordPollingCommandStart(Duration startup) {
        this.pollingCommandStart = startup;
    }

    Result result() {
        return new Result(Map.copyOf(concurrentStart), Map.copyOf(aloneStart), Map.copyOf(stopTimes), memory, pollingCommandStart);
    }
}
