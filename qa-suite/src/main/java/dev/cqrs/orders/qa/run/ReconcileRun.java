package dev.cqrs.orders.qa.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.cqrs.orders.qa.config.RunLog;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.lag.ConsumerLag;
import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.readside.Observations;
import dev.cqrs.orders.qa.report.ReportFiles;
import dev.cqrs.orders.qa.report.SuiteReport;
import dev.cqrs.orders.qa.system.Target;

/**
 * {@code --reconcile LEDGER}: checks a target again against a saved ledger, without new load and without faults, for
 * example after a deploy or a restore. Only reads: the views, listings and summaries of the ledger's orders and
 * customers, the consumer lag, and the topic and write model where the target allows.
 */
public final class ReconcileRun {

    private final Target target;
    private final Ledger ledger;
    private final SuiteConfig config;

    public ReconcileRun(Target target, Ledger ledger, SuiteConfig config) {
        this.target = target;
        this.ledger = ledger;
        this.config = config;
    }

    public SuiteReport run() {
        SuiteReport report = new SuiteReport(SuiteReport.Mode.RECONCILE, config, ledger, target.description(), "none", List.of());
        long started = System.nanoTime();
        report.startedAt(Instant.now());
        RunLog.log(started, "reconciling run " + ledger.runId() + " (" + ledger.acknowledged() + " acknowledged orders of "
                + ledger.customers().size() + " customers) against " + target.description());
        OrdersHttp http = new OrdersHttp(target.commandUrl(), target.queryUrl(), config.requestTimeout(),
                target.apiToken());
        Verification verification = new Verification(target, config, ledger, http, new Observations(), started);
        try (ConsumerLag lag = Lags.open(target, config, http, Duration.ofSeconds(15))) {
            verification.settle(report, lag);
        }
        verification.reconcileAndAudit(report);
        report.ended(Duration.ofNanos(System.nanoTime() - started));
        ReportFiles.write(report, config.reportDir());
        return report;
    }
}
