package dev.cqrs.orders.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.local.StackPorts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every figure against one system started the way {@code ./run local} starts it (LocalSystem, free ports, its own
 * data directory), each next to its baseline on the same machine in the same run. The order of the phases matters and
 * is chosen so that no phase disturbs another: P1 (ours, then the raw-JDBC baseline on another database), P2 through
 * our relay, P5, P3 (which stops both services), P4, and last P2 through the polling relay (which needs the command
 * service without its relay).
 */
final class Harness {

    private static final Logger log = LoggerFactory.getLogger(Harness.class);

    static final String TOPIC = "orders.events";
    static final String ORDER_VIEW_GROUP = "order-query.order-view";
    /** The query service's read models, should GET /admin/read-models not answer (it lists them when it does). */
    static final List<String> READ_MODEL_GROUPS = List.of(ORDER_VIEW_GROUP, "order-query.order-list",
            "order-query.customer-summary");
    static final String READ_DATABASE = "orders_read";
    static final String BASELINE_DATABASE = "bench_baseline";

    private final Settings settings;
    private final Results results = new Results();
    private final List<UUID> createdIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ordersCreated = new AtomicLong();

    private LocalSystem system;
    private OrdersHttp http;
    private Topics topics;
    private CpuMeter cpu;
    private long postmasterPid = -1;
    private volatile PollingRelay pollingRelay;

    Harness(Settings settings) {
        this.settings = settings;
    }

    Results run() throws Exception {
        long began = System.nanoTime();
        results.settings = settings;
        results.machine = Machine.describe();
        results.loadAtStart = Procs.loadAverage();
        Files.createDirectories(settings.workDir());
        system = LocalSystem.builder()
                .ports(StackPorts.free())
                .dataDir(settings.workDir().resolve("stack"))
                .stackJar(settings.stackJar())
                .commandJar(settings.commandJar())
                .queryJar(settings.queryJar())
                .startTimeout(Duration.ofSeconds(240))
                .build();
        system.deleteData();
        Thread stopper = new Thread(system::close, "stop-bench-system");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            startSystem();
            http = new OrdersHttp(system.commandUrl(), system.queryUrl(), system.adminAuthorization(),
                    system.staffAuthorization());
            topics = new Topics(system.kafkaBootstrapServers());
            phase("P6 start-up of each service alone", this::restartEachAlone);
            warmUp();
            phase("P1 command throughput", this::p1);
            snapshotReadModels("after P1");
            phase("P5 query latency", this::p5);
            phase("P4 rebuild", this::p4);
            // P2 after P4 and P5: its overloaded runs leave the read models behind, and both of those need them current.
            phase("P2 commit-to-visible, our relay", () -> p2(results.p2Ours));
            snapshotReadModels("after P2 through our relay");
            phase("P2 commit-to-visible, polling relay", this::p2Polling);
            snapshotReadModels("after P2 through the polling relay");
            // Last: its backlog is never projected (the query service stays down), so nothing waits for it.
            phase("P3 relay drain", this::p3);
        } finally {
            results.loadAtEnd = Procs.loadAverage();
            if (http != null) {
                http.close();
            }
            if (topics != null) {
                topics.close();
            }
            system.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // shutting down already
            }
            results.totalTime = Duration.ofNanos(System.nanoTime() - began);
        }
        return results;
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /** A failed phase is written into the report; the others still run. */
    private void phase(String name, Phase phase) {
        log.info("==== {} (load average {})", name, Procs.loadAverage());
        long start = System.nanoTime();
        try {
            phase.run();
        } catch (Exception e) {
            log.error("{} failed", name, e);
            results.notes.add(name + " failed: " + e);
        }
        log.info("==== {} took {} s", name, (System.nanoTime() - start) / 1_000_000_000L);
    }

    private void startSystem() throws SQLException {
        system.startAll();
        for (Component component : List.of(Component.COMMAND, Component.QUERY)) {
            system.startupTime(component).ifPresent(time -> results.concurrentStart.put(component.id(), time));
        }
        system.pid(Component.COMMAND).ifPresent(pid -> results.commandJvmOptions = Procs.jvmOptions(pid));
        system.pid(Component.QUERY).ifPresent(pid -> results.queryJvmOptions = Procs.jvmOptions(pid));
        postmasterPid = Databases.postmasterPid(system.jdbcUrl());
        cpu = new CpuMeter()
                .add("command service", () -> pidTicks(Component.COMMAND))
                .add("query service", () -> pidTicks(Component.QUERY))
                .add("PostgreSQL", () -> postmasterPid < 0 ? -1 : Procs.treeCpuTicks(postmasterPid))
                .add("Kafka", () -> pidTicks(Component.KAFKA))
                .add("Mongo wire server", () -> pidTicks(Component.MONGO))
                .add("load generator (harness)", () -> Procs.cpuTicks(ProcessHandle.current().pid(), false));
    }

    /**
     * Stops and starts each service on its own, before any load: P6's start → ready of a service started alone. The
     * quick mode kills instead (a clean stop of the command service has been seen to take the whole 30 s grace).
     */
    private void restartEachAlone() {
        for (Component component : List.of(Component.COMMAND, Component.QUERY)) {
            long stopping = System.nanoTime();
            if (settings.quick()) {
                system.kill(component);
            } else {
                system.stop(component);
                results.stopTimes.put(component.id(), Duration.ofNanos(System.nanoTime() - stopping));
            }
            system.start(component);
            system.startupTime(component).ifPresent(time -> {
                if (component == Component.COMMAND) {
                    results.commandRestart = time;
                } else {
                    results.queryRestart = time;
                }
            });
        }
    }

    private long pidTicks(Component component) {
        return system.pid(component).map(pid -> Procs.cpuTicks(pid, false)).orElse(-1L);
    }

    private void warmUp() throws InterruptedException {
        log.info("warming up both services for {} s", settings.warmup().toSeconds());
        Load.closedLoop(4, Duration.ZERO, settings.warmup(), client -> () -> createOne() != null);
    }

    private UUID createOne() throws IOException, InterruptedException {
        UUID id = http.create(SampleOrder.next());
        if (id != null) {
            ordersCreated.incrementAndGet();
            if (createdIds.size() < 200_000) {
                createdIds.add(id);
            }
        }
        return id;
    }

    /**
     * Waits until the system has nothing left to do: the relay published an event for every order in the command
     * database (each has exactly one OrderCreated) and every read model applied all of them. Every read model, not
     * only the order view: a backlog left in another one (the customer summary is the slowest) would still be
     * projected during the next measurement, on the same CPU and Mongo wire server, and be measured as its delay.
     */
    private void quiesce() throws Exception {
        quiesce(null);
    }

    /** {@link #quiesce()}; with a name, how long the catch-up took goes into the report's read-model lines. */
    private void quiesce(String before) throws Exception {
        Duration timeout = settings.quick() ? Duration.ofSeconds(60) : Duration.ofMinutes(5);
        long deadline = System.nanoTime() + timeout.toNanos();
        long orders = Databases.queryLong(system.jdbcUrl(), "SELECT count(*) FROM orders");
        while (Topics.sum(topics.ends(TOPIC)) < orders && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (Topics.sum(topics.ends(TOPIC)) < orders) {
            results.notes.add("the relay had not published every committed order after " + timeout.toSeconds()
                    + " s; the next run started anyway");
        }
        awaitAllReadModels(before, Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(30).toNanos())));
    }

    // ------------------------------------------------------------------------------------------------ P1 and P6

    /**
     * Each concurrency: ours, then the raw-JDBC baseline right after, so both meet the same background load. Each starts
     * on a quiet system, and our CPU window stays open until the relay and the projections have caught up with the
     * orders of the run, so the CPU per order is the whole system's.
     */
    private void p1() throws Exception {
        long commandPid = system.pid(Component.COMMAND).orElseThrow();
        long queryPid = system.pid(Component.QUERY).orElseThrow();
        String baselineUrl = Databases.recreateWithServiceSchema(system.jdbcUrl(), BASELINE_DATABASE, settings.commandJar());
        try (RssSampler rss = new RssSampler(Map.of("command", commandPid, "query", queryPid))) {
            for (int clients : settings.p1Concurrency()) {
                quiesce();
                CpuMeter.Window window = cpu.start();
                long createdBefore = ordersCreated.get();
                Load.ClosedLoopResult run = Load.closedLoop(clients, settings.p1Warmup(), settings.p1Measure(),
                        client -> () -> createOne() != null);
                quiesce();
                results.p1OursCpu.put(clients, window.stop());
                results.p1OursOrders.put(clients, ordersCreated.get() - createdBefore);
                results.p1Ours.add(run);
                log.info("P1 ours, {} clients: {} orders/s, {}", clients, Fmt.rate(run.rate()), run.latencies().summary());

                CpuMeter.Window baselineWindow = cpu.start();
                Load.ClosedLoopResult baseline = Load.closedLoop(clients, settings.p1Warmup(), settings.p1Measure(), client -> {
                    OrderSql sql = new OrderSql(baselineUrl, Databases.USER);
                    return new ClosableOp(() -> sql.create(SampleOrder.next()) != null, sql);
                });
                results.p1BaselineCpu.put(clients, baselineWindow.stop());
                results.p1BaselineOrders.put(clients, baseline.allOps());
                results.p1Baseline.add(baseline);
                log.info("P1 raw JDBC, {} clients: {} orders/s, {}", clients, Fmt.rate(baseline.rate()),
                        baseline.latencies().summary());
            }
            int best = results.best(results.p1Ours).clients();
            try {
                quiesce();
                profile(commandPid, best);
            } catch (Exception e) {
                results.notes.add("P1 profile failed: " + e);
                log.warn("profiling failed", e);
            }
            results.commandRssMaxKb = rss.maxKb("command");
            results.queryRssMaxKb = rss.maxKb("query");
            results.commandHwmKb = Procs.hwmKb(commandPid);
            results.queryHwmKb = Procs.hwmKb(queryPid);
        }
        try {
            pgbench(results.best(results.p1Baseline).clients());
        } catch (Exception e) {
            results.notes.add("pgbench (optional) did not run: " + e.getMessage());
        }
    }

    /** An operation that closes its client's resources (a JDBC connection) when the run ends. */
    private record ClosableOp(Load.Op op, AutoCloseable resource) implements Load.Op, AutoCloseable {
        @Override
        public boolean run() throws Exception {
            return op.run();
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    /** The best concurrency again, with JFR recording the command service (not counted in P1's figure). */
    private void profile(long commandPid, int clients) throws Exception {
        Path file = settings.workDir().resolve("p1-command-service.jfr");
        Files.deleteIfExists(file);
        JfrProfile.start(commandPid);
        CpuMeter.Window window = cpu.start();
        try {
            results.profileRun = Load.closedLoop(clients, Duration.ofSeconds(1), settings.p1Measure(),
                    client -> () -> createOne() != null);
        } finally {
            results.profileCpu = window.stop();
            JfrProfile.stop(commandPid, file);
        }
        results.profile = JfrProfile.summarise(file);
        log.info("P1 profile: {} samples in {}", results.profile.samples(), file);
    }

    /** Optional: Debian's pgbench with a script of the same statements, when it is installed. */
    private void pgbench(int clients) throws Exception {
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (!Files.isExecutable(pgbench)) {
            results.notes.add("pgbench is not installed; only the raw-JDBC baseline ran");
            return;
        }
        Path script = settings.workDir().resolve("create-order.pgbench");
        String payload = "{\"eventId\":\"00000000-0000-0000-0000-000000000000\",\"eventType\":\"OrderCreated\",\"schemaVersion\":2,"
                + "\"aggregateType\":\"Order\",\"aggregateId\":\"00000000-0000-0000-0000-000000000000\",\"aggregateVersion\":1,"
                + "\"occurredAt\":\"2025-01-01T00:00:00.123456Z\",\"data\":{\"orderId\":\"00000000-0000-0000-0000-000000000000\","
                + "\"customerId\":\"bench-c-123\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-12\",\"quantity\":2,"
                + "\"unitPriceCents\":1250},{\"sku\":\"PEN-34\",\"quantity\":3,\"unitPriceCents\":199}],\"discountCents\":0}}";
        String id = "(lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid";
        String eventId = "(lpad(to_hex(:c::bigint), 16, '0') || lpad(to_hex(:d::bigint), 16, '0'))::uuid";
        Files.writeString(script, String.join("\n",
                "\\set a random(1, 9223372036854775806)",
                "\\set b random(1, 9223372036854775806)",
                "\\set c random(1, 9223372036854775806)",
                "\\set d random(1, 9223372036854775806)",
                "BEGIN;",
                "INSERT INTO orders (id, customer_id, currency, discount_cents, status, version, cancellation_reason, created_at,"
                        + " updated_at) VALUES (" + id + ", 'bench-c-123', 'EUR', 0, 'CREATED', 1, NULL, now(), now());",
                "INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents) VALUES (" + id + ", 1, 'BOOK-12', 2, 1250);",
                "INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents) VALUES (" + id + ", 2, 'PEN-34', 3, 199);",
                "INSERT INTO outbox (id, aggregatetype, aggregateid, type, timestamp, payload, aggregate_version, schema_version,"
                        + " traceparent) VALUES (" + eventId + ", 'Order', " + id + "::text, 'OrderCreated', now(), '" + payload
                        + "'::jsonb, 1, 2, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');",
                "DELETE FROM outbox WHERE id = " + eventId + ";",
                "END;", ""), StandardCharsets.UTF_8);
        int port = system.ports().postgres();
        Process process = new ProcessBuilder(pgbench.toString(), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Long.toString(settings.p1Measure().toSeconds()),
                "-f", script.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", Databases.USER,
                BASELINE_DATABASE).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(settings.p1Measure().toSeconds() + 60, TimeUnit.SECONDS);
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        if (!tps.find()) {
            throw new IOException("no tps in pgbench's output: " + output.lines()
                    .filter(line -> line.contains("error") || line.contains("ERROR")).limit(3)
                    .reduce((a, b) -> a + " | " + b).orElse(output.lines().reduce((a, b) -> b).orElse("")));
        }
        results.pgbenchTps = Double.parseDouble(tps.group(1));
        results.pgbenchClients = clients;
        log.info("pgbench, {} clients: {} tps", clients, Fmt.rate(results.pgbenchTps));
    }

    // ------------------------------------------------------------------------------------------------ P2

    /** The offered loads (the full run starts with a light one, 50/s, where neither relay is held up by a backlog). */
    private List<Integer> p2Rates() {
        if (results.p2Rates.isEmpty()) {
            results.p2Rates.addAll(settings.p2Rates());
        }
        return results.p2Rates;
    }

    /** Each read model's lag and delay as the query service reports them (GET /admin/read-models), for the report. */
    private void snapshotReadModels(String when) {
        try {
            HttpResponse<String> response = http.send("GET", system.queryUrl() + "/admin/read-models", null);
            if (response.statusCode() != 200) {
                return;
            }
            StringBuilder line = new StringBuilder(when).append(": ");
            for (tools.jackson.databind.JsonNode model : new tools.jackson.databind.ObjectMapper().readTree(response.body())) {
                line.append(model.path("readModel").asString()).append(" lag ")
                        .append(String.format(java.util.Locale.ROOT, "%,d", model.path("lagRecords").asLong()))
                        .append(" events, delay p50 ").append(Fmt.ms(model.path("delay").path("p50Ms").asDouble(Double.NaN)))
                        .append(" ms; ");
            }
            results.readModelSnapshots.add(line.toString());
        } catch (Exception e) {
            log.debug("no read-model snapshot", e);
        }
    }

    private void p2(List<Results.P2Run> into) throws Exception {
        for (int rate : p2Rates()) {
            // Each run starts on a quiet system: the relay has published and every projection applied everything before,
            // so that the run measures its own orders' delay, not the time to work off what an earlier run left behind.
            quiesce("P2 at " + rate + "/s" + (pollingRelay != null ? " (polling relay)" : ""));
            Results.P2Run run = p2At(rate);
            into.add(run);
            log.info("P2 at {}/s: commit->visible {}; {} of {} visible", rate, run.commitToVisible().summary(),
                    run.visible(), run.due());
        }
    }

    private Results.P2Run p2At(int rate) throws Exception {
        Latencies commitToVisible = new Latencies();
        Latencies intendedToVisible = new Latencies();
        Latencies post = new Latencies();
        AtomicLong created = new AtomicLong();
        AtomicLong visible = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        // What the last GET that came back without the order said: the report names it when none became visible.
        java.util.concurrent.atomic.AtomicReference<String> lastMiss = new java.util.concurrent.atomic.AtomicReference<>("none");
        long checkEvery = Math.max(1, (long) Math.ceil(rate / 50.0));
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p2-retry");
            thread.setDaemon(true);
            return thread;
        });
        int workers = Math.max(8, Math.min(64, rate / 10));
        ServiceMetrics.Timer relayBefore = pollingRelay != null ? pollingRelay.delay()
                : ServiceMetrics.read(system.commandUrl(), system.adminAuthorization(), ServiceMetrics.RELAY_DELAY, null);
        ServiceMetrics.Timer projectionBefore = ServiceMetrics.read(system.queryUrl(), system.adminAuthorization(), ServiceMetrics.PROJECTION_DELAY,
                "readModel=\"order-view\"");
        CpuMeter.Window window = cpu.start();
        Load.FixedRateResult load;
        try {
            load = Load.fixedRate(rate, settings.p2Duration(), Duration.ofSeconds(5), workers, (index, intended) -> {
                UUID id = http.create(SampleOrder.next());
                long committed = System.nanoTime();
                post.recordNanos(committed - intended);
                if (id == null) {
                    throw new IOException("POST /orders did not answer 201");
                }
                created.incrementAndGet();
                // Every k-th order is followed to the query side (about 50 a second), so that the waiting GETs never
                // become a load of their own when the pipeline falls behind.
                if (index % checkEvery == 0) {
                    checked.incrementAndGet();
                    outstanding.incrementAndGet();
                    awaitVisible(id, committed, intended, commitToVisible, intendedToVisible, visible, missing, outstanding,
                            retries, lastMiss);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            retries.shutdownNow();
        }
        missing.addAndGet(outstanding.get());
        CpuMeter.Usage usage = window.stop();
        ServiceMetrics.Timer relayAfter = pollingRelay != null ? pollingRelay.delay()
                : ServiceMetrics.read(system.commandUrl(), system.adminAuthorization(), ServiceMetrics.RELAY_DELAY, null);
        ServiceMetrics.Timer projectionAfter = ServiceMetrics.read(system.queryUrl(), system.adminAuthorization(), ServiceMetrics.PROJECTION_DELAY,
                "readModel=\"order-view\"");
        return new Results.P2Run(rate, load.seconds(), load.due(), created.get(), checked.get(), visible.get(), missing.get(),
                commitToVisible, intendedToVisible, post, usage,
                relayAfter == null ? Double.NaN : relayAfter.meanMsSince(relayBefore),
                projectionAfter == null ? Double.NaN : projectionAfter.meanMsSince(projectionBefore), load.unsent(), lastMiss.get());
    }

    /**
     * Read-your-writes GET with minVersion=1: the query service answers as soon as its order-view projection applied
     * the order. Should that API be missing (404/stale answers), it falls back to polling every 2 ms.
     */
    private void awaitVisible(UUID id, long committed, long intended, Latencies commitToVisible, Latencies intendedToVisible,
                              AtomicLong visible, AtomicLong missing, AtomicLong outstanding, ScheduledExecutorService retries,
                              java.util.concurrent.atomic.AtomicReference<String> lastMiss) {
        long attempt = System.nanoTime();
        http.awaitVisible(id, 5_000).whenComplete((ok, failure) -> {
            long now = System.nanoTime();
            if (Boolean.TRUE.equals(ok)) {
                commitToVisible.recordNanos(now - committed);
                intendedToVisible.recordNanos(now - intended);
                visible.incrementAndGet();
                outstanding.decrementAndGet();
                return;
            }
            lastMiss.set(failure != null ? failure.toString() : "answered without the order (404 or X-Read-Model-Stale)");
            if (now - committed > Duration.ofSeconds(30).toNanos()) {
                missing.incrementAndGet();
                outstanding.decrementAndGet();
            } else {
                // After a full wait, ask again at once; an answer that came back early (no read-your-writes, an error, an
                // overloaded server) is retried after 25 ms, never in a tight loop.
                long delayMs = now - attempt > 2_500_000_000L ? 1 : 25;
                retries.schedule(() -> awaitVisible(id, committed, intended, commitToVisible, intendedToVisible, visible,
                        missing, outstanding, retries, lastMiss), delayMs, TimeUnit.MILLISECONDS);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ P5

    /**
     * Waits until every read model's consumer group (as GET /admin/read-models names them) has applied the whole topic,
     * so that a measurement meets a query service with nothing to catch up; records how long that took.
     */
    private void awaitAllReadModels(String before, Duration timeout) throws Exception {
        List<String> groups = new ArrayList<>(READ_MODEL_GROUPS);
        try {
            HttpResponse<String> response = http.send("GET", system.queryUrl() + "/admin/read-models", null);
            if (response.statusCode() == 200) {
                groups.clear();
                for (tools.jackson.databind.JsonNode model : new tools.jackson.databind.ObjectMapper().readTree(response.body())) {
                    groups.add(model.path("consumerGroup").asString());
                }
            }
        } catch (IOException e) {
            log.debug("read models unknown; waiting for the known ones {}", READ_MODEL_GROUPS, e);
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lag;
        do {
            lag = 0;
            for (String group : groups) {
                lag += topics.lag(group, TOPIC);
            }
            if (lag > 0) {
                Thread.sleep(250);
            }
        } while (lag > 0 && System.nanoTime() < deadline);
        if (lag > 0) {
            results.notes.add(String.format(java.util.Locale.ROOT, "%s the read models still lagged %,d events after %d s;"
                    + " it started anyway", before == null ? "A run" : "Before " + before + ",", lag, timeout.toSeconds()));
        }
        if (before != null) {
            results.readModelSnapshots.add(String.format(java.util.Locale.ROOT, "before %s: all read models (%s) %s after %.0f s",
                    before, String.join(", ", groups), lag == 0 ? "had caught up" : "still lagged " + lag + " events",
                    (System.nanoTime() - start) / 1e9));
        }
    }

    private void p5() throws Exception {
        quiesce("P5");
        List<UUID> ids = List.copyOf(createdIds);
        if (ids.isEmpty()) {
            throw new IllegalStateException("no orders were created, nothing to read");
        }
        int workers = Math.max(4, Math.min(32, settings.p5Rate() / 20));
        Load.fixedRate(settings.p5Rate(), settings.p5Warmup(), workers, (i, intended) -> http.view(randomOf(ids)));
        Latencies ours = new Latencies();
        results.p5OursLoad = Load.fixedRate(settings.p5Rate(), settings.p5Duration(), workers, (i, intended) -> {
            int status = http.view(randomOf(ids));
            ours.recordNanos(System.nanoTime() - intended);
            if (status != 200) {
                throw new IOException("GET /orders/{id} answered " + status);
            }
        });
        results.p5Ours = ours;
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            MongoDatabase database = mongo.getDatabase(READ_DATABASE);
            String collectionName = liveCollection(database, "order-view", "order_views");
            results.p5Collection = collectionName;
            MongoCollection<Document> views = database.getCollection(collectionName);
            Load.Scheduled find = (i, intended) -> {
                Document document = views.find(Filters.eq("_id", randomOf(ids).toString()))
                        .projection(Projections.exclude("appliedEventIds")).first();
                if (document == null) {
                    throw new IOException("no document");
                }
            };
            Load.fixedRate(settings.p5Rate(), settings.p5Warmup(), workers, find);
            Latencies raw = new Latencies();
            results.p5RawLoad = Load.fixedRate(settings.p5Rate(), settings.p5Duration(), workers, (i, intended) -> {
                find.run(i, intended);
                raw.recordNanos(System.nanoTime() - intended);
            });
            results.p5Raw = raw;
        }
        log.info("P5 GET: {}; raw find: {}", results.p5Ours.summary(), results.p5Raw.summary());
    }

    private static UUID randomOf(List<UUID> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    /** The collection a read model serves from now: its base name, or the generation a rebuild switched it to. */
    private static String liveCollection(MongoDatabase database, String readModel, String baseName) {
        Document alias = database.getCollection("read_model_aliases").find(Filters.eq("_id", readModel)).first();
        long generation = alias == null ? 0 : ((Number) alias.get("generation")).longValue();
        return generation == 0 ? baseName : baseName + "__rebuild_" + generation;
    }

    // ------------------------------------------------------------------------------------------------ P3

    private void p3() throws Exception {
        int events = settings.p3Events();
        results.p3Events = events;
        if (system.running(Component.COMMAND) && system.running(Component.QUERY)) {
            quiesce();
        }
        system.stop(Component.QUERY);
        system.stop(Component.COMMAND);
        Map<TopicPartition, Long> before = topics.ends(TOPIC);
        long base = Topics.sum(before);

        // The backlog: the command service's own transaction, written straight to its database while it is down.
        long writeStart = System.nanoTime();
        AtomicLong remaining = new AtomicLong(events);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread writer = new Thread(() -> {
                try (OrderSql sql = new OrderSql(system.jdbcUrl(), Databases.USER)) {
                    while (remaining.getAndDecrement() > 0) {
                        sql.create(SampleOrder.next());
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "p3-backlog-" + w);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        results.p3BacklogWriteSeconds = (System.nanoTime() - writeStart) / 1e9;
        log.info("P3: {} committed outbox events wait in the WAL ({} s to write)", events, Fmt.num(results.p3BacklogWriteSeconds, 1));

        // CPU is counted from the first published record to the last: the drain, not the JVM's start.
        AtomicReference<CpuMeter.Window> drain = new AtomicReference<>();
        long launched = System.nanoTime();
        try (Topics.Watch watch = topics.watch(TOPIC, base, events, () -> drain.set(cpu.start()))) {
            system.start(Component.COMMAND);
            if (!watch.await(Duration.ofMinutes(10))) {
                throw new IllegalStateException("only " + watch.seen() + " of " + events + " events reached the topic");
            }
            results.p3OursCpu = drain.get() == null ? null : drain.get().stop();
            results.p3OursRate = watch.drainRate();
            results.p3OursSecondsFromLaunch = (watch.doneNanos() - launched) / 1e9;
            results.p3OursDrainSeconds = (watch.doneNanos() - watch.firstNanos()) / 1e9;
        }
        log.info("P3 ours: {} events/s", Fmt.rate(results.p3OursRate));

        // The baseline: the same records (key, value, headers) from a raw producer with the relay's settings.
        Map<TopicPartition, Long> after = topics.ends(TOPIC);
        List<ConsumerRecord<byte[], byte[]>> records = topics.read(TOPIC, before, after);
        // A topic of its own per run: a deletion of the last run's topic may still be under way in the broker.
        String rawTopic = "bench.p3.raw-" + System.currentTimeMillis();
        topics.create(rawTopic, before.size());
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(rawTopic);
            AtomicReference<CpuMeter.Window> baselineWindow = new AtomicReference<>();
            try (Topics.Watch watch = topics.watch(rawTopic, 0, records.size(), () -> baselineWindow.set(cpu.start()))) {
                long start = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(rawTopic, null, record.key(), record.value(), record.headers()));
                }
                producer.flush();
                results.p3BaselineSendSeconds = (System.nanoTime() - start) / 1e9;
                if (!watch.await(Duration.ofMinutes(5))) {
                    throw new IllegalStateException("only " + watch.seen() + " of " + records.size()
                            + " records reached " + rawTopic, watch.lastError());
                }
                results.p3BaselineCpu = baselineWindow.get() == null ? null : baselineWindow.get().stop();
                results.p3BaselineRate = watch.drainRate();
            }
        }
        topics.delete(rawTopic);
        log.info("P3 raw producer: {} events/s ({} records)", Fmt.rate(results.p3BaselineRate), records.size());
    }

    // ------------------------------------------------------------------------------------------------ P4

    /**
     * A rebuild of the order view through the query service's admin API, timed from the request until it has copied the
     * topic (at most {@link Settings#p4MaxTime()}: the rate is steady long before a large topic is through), then the
     * same documents bulk-inserted with the raw driver.
     */
    private void p4() throws Exception {
        quiesce("P4");

        HttpResponse<String> started = http.send("POST", system.queryUrl() + "/admin/rebuilds/order-view", null);
        if (started.statusCode() != 202) {
            results.p4Method = "not measured: POST /admin/rebuilds/order-view answered " + started.statusCode();
            throw new IllegalStateException(results.p4Method + ": " + started.body());
        }
        results.p4Method = "`POST /admin/rebuilds/order-view`: the whole topic, from offset 0, into a fresh generation";
        CpuMeter.Window window = cpu.start();
        long start = System.nanoTime();
        long cap = start + settings.p4MaxTime().toNanos();
        tools.jackson.databind.JsonNode status;
        boolean capped = false;
        while (true) {
            Thread.sleep(100);
            status = rebuildStatus();
            String state = status.path("state").asString();
            if ("FAILED".equals(state)) {
                throw new IllegalStateException("the rebuild failed: " + status.path("error").asString());
            }
            if (!"COPYING".equals(state)) {
                break;
            }
            if (System.nanoTime() > cap) {
                capped = true;
                break;
            }
        }
        results.p4Seconds = (System.nanoTime() - start) / 1e9;
        results.p4Cpu = window.stop();
        results.p4Events = status.path("eventsApplied").asLong();
        results.p4Rate = results.p4Events / results.p4Seconds;
        results.p4ServerRate = status.path("eventsPerSecond").asDouble(Double.NaN);
        results.p4Complete = !capped;
        long remaining = status.path("remainingEvents").asLong(0);
        String collection = status.path("collections").path(0).asString();
        log.info("P4 rebuild: {} events in {} s = {} events/s (server says {}), into {}{}", results.p4Events,
                Fmt.num(results.p4Seconds, 1), Fmt.rate(results.p4Rate), Fmt.rate(results.p4ServerRate), collection,
                capped ? "; stopped measuring with " + remaining + " events to go" : "");
        if (capped) {
            // Stops the rebuild (it checkpoints and would resume at the next start), so the baseline runs alone.
            system.stop(Component.QUERY);
            results.p4Remaining = remaining;
        }

        // The baseline: the same documents, bulk-inserted with the same driver into the same server.
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            MongoDatabase database = mongo.getDatabase(READ_DATABASE);
            List<RawBsonDocument> documents = new ArrayList<>();
            for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class).find()) {
                documents.add(document);
            }
            MongoCollection<RawBsonDocument> bulk = database.getCollection("bench_p4_bulk", RawBsonDocument.class);
            bulk.drop();
            CpuMeter.Window baselineWindow = cpu.start();
            long bulkStart = System.nanoTime();
            for (int from = 0; from < documents.size(); from += 500) {
                bulk.insertMany(documents.subList(from, Math.min(documents.size(), from + 500)),
                        new InsertManyOptions().ordered(false));
            }
            results.p4BaselineSeconds = (System.nanoTime() - bulkStart) / 1e9;
            results.p4BaselineCpu = baselineWindow.stop();
            results.p4Docs = documents.size();
            results.p4BaselineRate = documents.size() / results.p4BaselineSeconds;
            bulk.drop();
        }
        log.info("P4 bulk insertMany: {} documents/s", Fmt.rate(results.p4BaselineRate));
        if (capped) {
            // Back for the phases that follow; the unfinished rebuild resumes there once its lease has expired.
            system.start(Component.QUERY);
            results.notes.add("P4: the rebuild had not copied the topic after " + settings.p4MaxTime().toSeconds()
                    + " s; it was measured that far, stopped with the query service for the baseline, and resumed later");
        } else {
            // Let the rebuild finish (switch, drain, drop the old generation) before anything else runs.
            long doneBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < doneBy && !"DONE".equals(rebuildStatus().path("state").asString())) {
                Thread.sleep(250);
            }
        }
    }

    private tools.jackson.databind.JsonNode rebuildStatus() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send("GET", system.queryUrl() + "/admin/rebuilds/order-view", null);
        return new tools.jackson.databind.ObjectMapper().readTree(response.body());
    }

    // ------------------------------------------------------------------------------------------------ P2, polling

    /**
     * The same P2 runs with a polling relay in place of ours: the command service runs with RELAY_ENABLED=false, a
     * trigger copies its outbox inserts into a table that stays, and {@link PollingRelay} publishes from there.
     */
    private void p2Polling() throws Exception {
        quiesce();
        system.stop(Component.COMMAND);
        String url = system.jdbcUrl();
        PollingRelay.install(url);
        try {
            // Launched by LocalSystem as `./run local` launches it (same JVM options and environment), relay off.
            system.start(Component.COMMAND, Map.of("RELAY_ENABLED", "false"));
            results.pollingCommandStart = system.startupTime(Component.COMMAND).orElse(null);
            long commandPid = system.pid(Component.COMMAND).orElseThrow();
            cpu.add("command service", () -> Procs.cpuTicks(commandPid, false));
            try (PollingRelay relay = new PollingRelay(url, system.kafkaBootstrapServers(), TOPIC)) {
                relay.start();
                pollingRelay = relay;
                // A short warm-up of the freshly started JVM, so both runs meet a warm command service.
                Load.closedLoop(4, Duration.ZERO, settings.warmup(), client -> () -> createOne() != null);
                p2(results.p2Polling);
            } finally {
                pollingRelay = null;
            }
        } finally {
            system.stop(Component.COMMAND);
            PollingRelay.uninstall(url);
        }
    }
}
