package dev.cqrs.orders.qa.run;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.cqrs.orders.qa.config.Daemons;
import dev.cqrs.orders.qa.config.RunLog;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.faults.FaultDriver;
import dev.cqrs.orders.qa.faults.FaultInjector;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.faults.FaultPlan;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.lag.ConsumerLag;
import dev.cqrs.orders.qa.lag.KafkaGroups;
import dev.cqrs.orders.qa.lag.LagSampler;
import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.load.DelaySampler;
import dev.cqrs.orders.qa.load.LoadClient;
import dev.cqrs.orders.qa.load.Pacer;
import dev.cqrs.orders.qa.load.Progress;
import dev.cqrs.orders.qa.load.RateLimit;
import dev.cqrs.orders.qa.readside.Observations;
import dev.cqrs.orders.qa.readside.ReadYourWrites;
import dev.cqrs.orders.qa.report.ReportFiles;
import dev.cqrs.orders.qa.report.SuiteReport;
import dev.cqrs.orders.qa.system.Target;

/**
 * One run against a target: concurrent clients drive the run's orders (bounded in rate, count and time) while the
 * fault driver kills, stops and rewinds parts; then the run waits for quiescence, reconciles every read model with
 * the ledger, audits the topic and the write model, and writes the report. The caller decides on
 * {@link SuiteReport#failures()}.
 */
public final class SuiteRun {

    private final Target target;
    private final FaultDriver driver;
    private final SuiteConfig config;

    public SuiteRun(Target target, FaultDriver driver, SuiteConfig config) {
        this.target = target;
        this.driver = driver;
        this.config = config;
    }

    public SuiteReport run() {
        String runId = "qa-" + UUID.randomUUID().toString().substring(0, 8);
        Ledger ledger = Ledger.plan(runId, config.customers(), config.orders(), config.seed(), config.invalidRate());
        List<FaultKind> plan = FaultPlan.plan(config.faults(), kinds(), new Random(config.seed()));
        SuiteReport report = new SuiteReport(SuiteReport.Mode.RUN, config, ledger, target.description(), driver.name(), plan);
        OrdersHttp http = new OrdersHttp(target.commandUrl(), target.queryUrl(), config.requestTimeout(),
                target.apiToken());
        awaitEndToEndReady(http, runId);
        long started = System.nanoTime();
        report.startedAt(Instant.now());
        RunLog.log(started, "run " + runId + " against " + target.description() + ": " + config.orders() + " orders, "
                + config.clients() + " clients, at most " + config.rate() + " commands/s, faults " + plan + " (driver "
                + driver.name() + "), seed " + config.seed());

        Observations observations = new Observations();
        Progress progress = new Progress(config.orders());
        ReadYourWrites readYourWrites = new ReadYourWrites(http, observations, config.readYourWritesShare(),
                config.readYourWritesWait());
        Verification verification = new Verification(target, config, ledger, http, observations, started);
        try (Pacer pacer = new Pacer();
             DelaySampler sampler = new DelaySampler(http, observations, config.sampleCap(), config.sampleEvery());
             LagSampler backlog = new LagSampler(Lags.open(target, config, http, Duration.ofSeconds(3)), started);
             ConsumerLag lag = Lags.open(target, config, http, Duration.ofSeconds(15));
             KafkaGroups groups = target.kafka().map(KafkaGroups::connect).orElse(null)) {
            FaultInjector injector = new FaultInjector(driver, plan, progress, config, pacer, lag, groups, started);
            sampler.start();
            backlog.start();
            AtomicReference<String> endedEarly = new AtomicReference<>();
            ScheduledExecutorService timer = Daemons.scheduler("qa-time-limit-");
            timer.schedule(() -> {
                endedEarly.set("the time limit of " + config.maxLoad().toSeconds() + " s (maxLoadSeconds) was reached");
                RunLog.log(started, "time limit reached: no new order starts");
                progress.abort();
            }, config.maxLoad().toNanos(), TimeUnit.NANOSECONDS);
            ExecutorService threads = Executors.newFixedThreadPool(config.clients() + 1, Daemons.named("qa-client-"));
            RateLimit rate = new RateLimit(config.rate());
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 0; i < config.clients(); i++) {
                    clients.add(threads.submit(new LoadClient(ledger.orders(), http, progress, sampler, pacer, rate,
                            readYourWrites, config, started)));
                }
                join(threads.submit(injector), "fault injector", report);
                for (Future<?> client : clients) {
                    join(client, "client", report);
                }
            } finally {
                timer.shutdownNow();
                progress.abort();
                threads.shutdownNow();
            }
            report.load(Duration.ofNanos(System.nanoTime() - started), injector.events(), endedEarly.get());
            report.readYourWrites(readYourWrites.result());
            RunLog.log(started, "load done: " + progress.acks() + " commands acknowledged; waiting for quiescence");
            if (!plan.isEmpty()) {
                bringBackEverything(report);
            }
            verification.settle(report, lag);
            report.delays(sampler.timeline(started), sampler.skipped(), sampler.pending());
            report.backlog(backlog.points(), backlog.maxima());
        }
        verification.reconcileAndAudit(report);
        report.ended(Duration.ofNanos(System.nanoTime() - started));
        ReportFiles.write(report, config.reportDir());
        return report;
    }

    /** What the driver can inject; rewinds only when the suite reaches Kafka (it moves the offsets itself). */
    private Set<FaultKind> kinds() {
        Set<FaultKind> kinds = driver.kinds().isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(driver.kinds());
        if (target.kafka().isEmpty()) {
            kinds.remove(FaultKind.REWIND_QUERY_OFFSETS);
        }
        return kinds;
    }

    /** A no-op unless a fault left something down (which that fault reports). */
    private void bringBackEverything(SuiteReport report) {
        try {
            driver.ensureAllRunning();
        } catch (RuntimeException e) {
            report.error("could not bring every part back after the load: " + e.getMessage());
        }
    }

    /**
     * The services answer as soon as they are up, but the relay and the consumers take a while more to get going
     * (Debezium's start alone takes seconds on two cores): one order placed and seen on the read side before the
     * clock starts, so that the run measures the system, not its warm-up. Its customer is not one of the run's.
     */
    static void awaitEndToEndReady(OrdersHttp http, String runId) {
        OrderSpec probe = new OrderSpec(-1, runId + "-warm-up", runId + "-warm-up", "EUR",
                List.of(new OrderSpec.Line("WARM-UP", 1, 1)), 0, List.of(), "");
        OrdersHttp.Exchange created = await("the warm-up order placed").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> authorized(http.create(probe)), OrdersHttp.Exchange::success);
        String orderId = created.json().path("orderId").asString();
        long sent = System.nanoTime();
        await("the warm-up order visible on the query side").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.view(orderId).status() == 200);
        System.out.printf(Locale.ROOT, "[qa] warm-up order visible after %d ms%n", (System.nanoTime() - sent) / 1_000_000);
    }

    /** A refused token will not start working by waiting: the run stops at once and says what to give it. */
    private static OrdersHttp.Exchange authorized(OrdersHttp.Exchange answer) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw new IllegalStateException("the command service refused the suite's credentials (" + answer + "): give a"
                    + " staff bearer token (scopes orders:read orders:write orders:staff) with --api-token-file FILE or"
                    + " QA_API_TOKEN");
        }
        return answer;
    }

    private static void join(Future<?> future, String what, SuiteReport report) {
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
}
