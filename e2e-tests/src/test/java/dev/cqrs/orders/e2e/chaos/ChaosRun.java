package dev.cqrs.orders.e2e.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.local.KafkaGroups;
import dev.cqrs.orders.local.LocalSystem;

/**
 * One chaos run against a running {@link LocalSystem}: concurrent clients drive orders while the fault injector
 * kills, stops and rewinds components; then the run waits for quiescence, reconciles the ledger with the read side
 * and writes the report. The caller asserts on {@link ChaosReport#failures()}.
 */
public final class ChaosRun {

    private final LocalSystem system;
    private final ChaosConfig config;

    public ChaosRun(LocalSystem system, ChaosConfig config) {
        this.system = system;
        this.config = config;
    }

    public ChaosReport run() {
        String runId = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = IntStream.range(0, config.customers()).mapToObj(i -> runId + "-c" + i).toList();
        List<OrderRecord> ledger = IntStream.range(0, config.orders())
                .mapToObj(i -> new OrderRecord(OrderSpec.generate(i, runId, customers, config.seed(), config.invalidRate())))
                .toList();
        List<FaultKind> plan = FaultSchedule.plan(config.faults(), new Random(config.seed()));
        ChaosReport.Builder report = new ChaosReport.Builder(config, runId, customers, plan);
        awaitEndToEndReady(runId);
        long started = System.nanoTime();
        report.startedAt(Instant.now());
        log(started, "run " + runId + ": " + config.orders() + " orders, " + config.clients() + " clients, faults " + plan
                + ", seed " + config.seed());

        Observations observations = new Observations();
        Progress progress = new Progress(config.orders());
        try (Pacer pacer = new Pacer();
             DelaySampler sampler = new DelaySampler(http(), observations, config.sampleCap(), config.sampleEvery());
             LagSampler backlog = new LagSampler(system.kafkaBootstrapServers(), config.topic(), started)) {
            FaultInjector injector = new FaultInjector(system, plan, progress, config, pacer, started);
            sampler.start();
            backlog.start();
            ExecutorService threads = Executors.newFixedThreadPool(config.clients() + 1, named("chaos-"));
            RateLimit rate = new RateLimit(config.rate());
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 0; i < config.clients(); i++) {
                    clients.add(threads.submit(new LoadClient(ledger, http(), progress, sampler, pacer, rate, config, started)));
                }
                Future<?> faults = threads.submit(injector);
                join(faults, "fault injector", report);
                for (Future<?> client : clients) {
                    join(client, "client", report);
                }
            } finally {
                progress.abort();
                threads.shutdownNow();
            }
            long loadEnded = System.nanoTime();
            report.load(Duration.ofNanos(loadEnded - started), ledger, injector.events());
            log(started, "load done: " + progress.acks() + " commands acknowledged; waiting for quiescence");
            try {
                system.startAll(); // a no-op unless a fault left something down (that is reported by the fault)
            } catch (RuntimeException e) {
                report.error("could not start every component after the load: " + e.getMessage());
            }

            Map<String, OrderRecord> byId = new LinkedHashMap<>();
            ledger.forEach(order -> order.orderId().ifPresent(id -> byId.put(id, order)));
            Reconciler reconciler = new Reconciler(ledger, customers, new HttpReadSide(http(), observations, byId));
            long deadline = System.nanoTime() + config.quiescence().toNanos();
            Map<String, Long> lags = awaitNoLag(deadline, report, started);
            boolean quiet = awaitQuiescence(reconciler, deadline, started);
            report.quiescence(quiet, Duration.ofNanos(System.nanoTime() - loadEnded), lags);
            log(started, quiet ? "quiescent after " + (System.nanoTime() - loadEnded) / 1_000_000 + " ms" : "NOT quiescent");
            report.delays(sampler.timeline(started), sampler.skipped(), sampler.pending());
            report.backlog(backlog.points(), backlog.maxima());
            sampler.close();
            backlog.close();

            try {
                report.reconciliation(reconciler.reconcile());
            } catch (RuntimeException e) {
                report.error("the final reconciliation failed: " + e);
            }
            report.observations(observations.regressions(), observations.wrongIntermediates());
            audit(report, customers, byId);
        }
        report.ended(Duration.ofNanos(System.nanoTime() - started));
        ChaosReport result = report.build();
        result.write(config.reportDir(), ledger);
        return result;
    }

    /**
     * The services answer as soon as they are up, but the relay and the consumers take a while more to get going
     * (Debezium's start alone takes seconds on two cores): one order placed and seen on the read side before the
     * clock starts, so that the run measures the system, not its warm-up. Its customer is not one of the run's.
     */
    private void awaitEndToEndReady(String runId) {
        ChaosHttp http = http();
        OrderSpec probe = new OrderSpec(-1, runId + "-warm-up", runId + "-warm-up", "EUR",
                List.of(new OrderSpec.Line("WARM-UP", 1, 1)), 0, List.of(), "");
        ChaosHttp.Exchange created = await("the warm-up order placed").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> http.create(probe), ChaosHttp.Exchange::success);
        String orderId = created.json().path("orderId").asString();
        long sent = System.nanoTime();
        await("the warm-up order visible on the query side").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.view(orderId).status() == 200);
        System.out.printf(Locale.ROOT, "[chaos] warm-up order visible after %d ms%n", (System.nanoTime() - sent) / 1_000_000);
    }

    /**
     * After the consumers caught up: waits until every view is final, then until the listings agree (at least a
     * minute each, even past the quiescence deadline); answers whether both happened.
     */
    private boolean awaitQuiescence(Reconciler reconciler, long deadlineNanos, long started) {
        AtomicReference<Set<String>> waiting = new AtomicReference<>(null);
        AtomicInteger sweeps = new AtomicInteger();
        try {
            await("every acknowledged command visible").atMost(atLeastAMinute(deadlineNanos)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> {
                        waiting.set(reconciler.notYetFinal(waiting.get()));
                        if (sweeps.incrementAndGet() % 10 == 1) {
                            log(started, waiting.get().size() + " orders not yet at their final version on the query side");
                        }
                        return waiting.get().isEmpty();
                    });
            await("listings in agreement").atMost(atLeastAMinute(deadlineNanos)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> reconciler.reconcile().settled());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Waits (within the quiescence deadline) until no consumer group of the topic has records left to commit: cheap
     * admin calls, so the catch-up is not slowed by reads of the query service. Answers the last lag of each group.
     */
    private Map<String, Long> awaitNoLag(long deadlineNanos, ChaosReport.Builder report, long started) {
        SortedMap<String, Long> lags = new TreeMap<>();
        AtomicInteger polls = new AtomicInteger();
        try (KafkaGroups groups = KafkaGroups.connect(system.kafkaBootstrapServers())) {
            try {
                await("no consumer lag").atMost(atLeastAMinute(deadlineNanos)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> {
                            lags.clear();
                            for (String group : groups.groupsReading(config.topic())) {
                                lags.put(group, groups.lag(group, config.topic()).values().stream().mapToLong(Long::longValue).sum());
                            }
                            if (polls.incrementAndGet() % 15 == 1) {
                                log(started, "records not yet committed by the consumer groups: " + lags);
                            }
                            return !lags.isEmpty() && lags.values().stream().allMatch(lag -> lag == 0);
                        });
            } catch (ConditionTimeoutException e) {
                // reported through the lags
            }
            report.deadLetters(deadLetters(groups));
        } catch (RuntimeException e) {
            report.error("could not read the consumer groups: " + e.getMessage());
        }
        return lags;
    }

    private String deadLetters(KafkaGroups groups) {
        String topic = config.topic() + ".DLT";
        try {
            Map<Integer, Long> end = groups.endOffsets(topic);
            Map<Integer, Long> begin = groups.beginningOffsets(topic);
            long records = end.entrySet().stream().mapToLong(entry -> entry.getValue() - begin.getOrDefault(entry.getKey(), 0L)).sum();
            return records + " record(s) on " + topic + " (whole topic, all runs)";
        } catch (RuntimeException e) {
            return topic + " not readable (" + e.getMessage() + ")";
        }
    }

    private void audit(ChaosReport.Builder report, List<String> customers, Map<String, OrderRecord> byId) {
        try {
            report.topic(TopicAudit.read(system.kafkaBootstrapServers(), config.topic(), byId));
        } catch (RuntimeException e) {
            report.error("could not read the topic for the audit: " + e);
        }
        report.writeModel(WriteModelAudit.read(system.jdbcUrl(), customers, byId));
    }

    private ChaosHttp http() {
        return new ChaosHttp(system.commandUrl(), system.queryUrl(), config.requestTimeout());
    }

    private static void join(Future<?> future, String what, ChaosReport.Builder report) {
        try {
            future.get();
        } catch (ExecutionException e) {
            e.getCause().printStackTrace();
            report.error(what + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.error("interrupted while the load ran");
        }
    }

    private static Duration atLeastAMinute(long deadlineNanos) {
        return Duration.ofNanos(Math.max(Duration.ofMinutes(1).toNanos(), deadlineNanos - System.nanoTime()));
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void log(long started, String message) {
        System.out.printf(Locale.ROOT, "[chaos] %7.1f s %s%n", (System.nanoTime() - started) / 1e9, message);
    }
}
