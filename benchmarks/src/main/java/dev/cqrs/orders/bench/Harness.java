package dev.cqrs.orders.bench;

import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.local.StackPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every figure against one system started the way {@code ./run local} starts it (LocalSystem, free ports, its own
 * data directory), each next to its baseline on the same machine in the same run. The phases run in the order of
 * {@link #steps}, chosen so that no phase disturbs another; the report shows them in the order of {@link #sections}.
 */
final class Harness {

    private static final Logger log = LoggerFactory.getLogger(Harness.class);

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** One step of the run; with {@code snapshotAfter}, the read models' lag is noted after it under that name. */
    private record Step(String name, Action action, String snapshotAfter) {
    }

    private final Settings settings;

    Harness(Settings settings) {
        this.settings = settings;
    }

    Results run() throws Exception {
        long began = System.nanoTime();
        Machine machine = Machine.describe();
        String loadAtStart = Procs.loadAverage();
        List<String> notes = new ArrayList<>();
        Files.createDirectories(settings.workDir());
        LocalSystem system = LocalSystem.builder()
                .ports(StackPorts.free())
                .dataDir(settings.workDir().resolve("stack"))
                .stackJar(settings.stackJar())
                .commandJar(settings.commandJar())
                .queryJar(settings.queryJar())
                .startTimeout(Duration.ofSeconds(240))
                // P4's baseline reads the whole order view back in one query, which the wire server answers from its
                // heap; ./run local's 256 MB can run out (docs/benchmark-harness.md). The services keep their options.
                .jvmOptions(Component.MONGO, "-Xmx512m")
                .build();
        system.deleteData();
        Thread stopper = new Thread(system::close, "stop-bench-system");
        Runtime.getRuntime().addShutdownHook(stopper);
        List<Section> sections;
        String loadAtEnd;
        String commandJvmOptions;
        String queryJvmOptions;
        CpuMeter cpu = null;
        try {
            system.startAll();
            commandJvmOptions = Procs.jvmOptions(system, Component.COMMAND);
            queryJvmOptions = Procs.jvmOptions(system, Component.QUERY);
            try (OrdersHttp http = new OrdersHttp(system.commandUrl(), system.queryUrl(), system.adminAuthorization(),
                    system.staffAuthorization()); Topics topics = new Topics(system.kafkaBootstrapServers())) {
                Stall stall = new Stall(system, topics);
                cpu = cpuMeter(system);
                Bench bench = new Bench(settings, system, http, topics, cpu, new Orders(http),
                        new ReadModels(http, system.queryUrl(), topics, notes, stall), stall, notes);
                sections = runPhases(bench);
            }
        } finally {
            loadAtEnd = Procs.loadAverage();
            system.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        return new Results(settings, machine, loadAtStart, loadAtEnd, cpu == null ? Double.NaN : cpu.othersCores(),
                cpu == null ? Double.NaN : cpu.othersPeakCores(), commandJvmOptions, queryJvmOptions,
                Duration.ofNanos(System.nanoTime() - began), sections, List.copyOf(notes));
    }

    private List<Section> runPhases(Bench bench) {
        Footprint p6 = new Footprint(settings, bench.system());
        p6.recordConcurrentStart();
        CommandThroughput p1 = new CommandThroughput(bench, p6);
        CommitToVisible p2 = new CommitToVisible(bench, p6);
        RelayDrain p3 = new RelayDrain(bench);
        Rebuild p4 = new Rebuild(bench);
        QueryLatency p5 = new QueryLatency(bench);
        ServiceProfiles profiles = new ServiceProfiles(bench, p4);
        for (Step step : steps(bench, p1, p2, profiles, p3, p4, p5, p6)) {
            phase(step.name(), step.action(), bench.notes());
            if (step.snapshotAfter() != null) {
                bench.readModels().snapshot(step.snapshotAfter());
            }
        }
        return sections(p1, p2, profiles, p3, p4, p5, p6);
    }

    /** The order the phases run in: the one place it is written. */
    private static List<Step> steps(Bench bench, CommandThroughput p1, CommitToVisible p2, ServiceProfiles profiles,
                                    RelayDrain p3, Rebuild p4, QueryLatency p5, Footprint p6) {
        return List.of(
                new Step("P6 start-up of each service alone", p6::restartEachAlone, null),
                // Right after the restarts, before any warm-up of ours: the system a new user meets.
                new Step("P2 commit-to-visible at the light load, fresh", p2::measureFresh, null),
                new Step("warm-up of both services", () -> warmUp(bench), null),
                new Step("idle CPU", p2::measureIdle, null),
                new Step("profiles of the idle services", profiles::idle, null),
                new Step("P1 command throughput", p1::measure, "after P1"),
                new Step("P1 with the query side stopped", p1::measureAlone, null),
                new Step("P5 query latency", p5::measure, null),
                new Step("P4 rebuild", p4::measure, null),
                new Step("profiles during a rebuild", profiles::duringRebuild, null),
                // P2 after P4 and P5: its overloaded runs leave the read models behind, and both of those need them current.
                new Step("P2 commit-to-visible, our relay", p2::measureOurs, "after P2 through our relay"),
                new Step("profiles of the services under P2's load", profiles::underLoad, null),
                new Step("P2 commit-to-visible, polling relay", p2::measurePolling, "after P2 through the polling relay"),
                // Last: its backlog is never projected (the query service stays down), so nothing waits for it.
                new Step("P3 relay drain", p3::measure, null));
    }

    /** The order the report shows the phases in: by figure. */
    private static List<Section> sections(CommandThroughput p1, CommitToVisible p2, ServiceProfiles profiles, RelayDrain p3,
                                          Rebuild p4, QueryLatency p5, Footprint p6) {
        return List.of(p1.result(), p2.result(), profiles.result(), p3.result(), p4.result(), p5.result(), p6.result());
    }

    /** A failed step is written into the report's notes; the others still run. */
    private static void phase(String name, Action action, List<String> notes) {
        log.info("==== {} (load average {})", name, Procs.loadAverage());
        long start = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            log.error("{} failed", name, e);
            notes.add(name + " failed: " + e);
        }
        log.info("==== {} took {} s", name, (System.nanoTime() - start) / 1_000_000_000L);
    }

    private static void warmUp(Bench bench) throws InterruptedException {
        log.info("warming up both services for {} s", bench.settings().warmup().toSeconds());
        bench.orders().closedLoop(4, Duration.ZERO, bench.settings().warmup());
    }

    private static CpuMeter cpuMeter(LocalSystem system) throws SQLException {
        long postmasterPid = Databases.postmasterPid(system.jdbcUrl());
        return new CpuMeter()
                .add("command service", () -> pidTicks(system, Component.COMMAND))
                .add("query service", () -> pidTicks(system, Component.QUERY))
                .add("PostgreSQL", () -> postmasterPid < 0 ? -1 : Procs.treeCpuTicks(postmasterPid))
                .add("Kafka", () -> pidTicks(system, Component.KAFKA))
                .add("Mongo wire server", () -> pidTicks(system, Component.MONGO))
                .add(CpuMeter.HARNESS, () -> Procs.cpuTicks(ProcessHandle.current().pid(), false));
    }

    private static long pidTicks(LocalSystem system, Component component) {
        return system.pid(component).map(pid -> Procs.cpuTicks(pid, false)).orElse(-1L);
    }
}
