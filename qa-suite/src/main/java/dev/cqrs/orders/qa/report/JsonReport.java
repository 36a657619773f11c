package dev.cqrs.orders.qa.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.qa.config.Setting;
import dev.cqrs.orders.qa.faults.FaultEvent;

/** The report for pipelines: the verdict with each check, the configuration, counts, faults, delays and problems. */
final class JsonReport {

    private final SuiteReport b;
    private final Map<String, Long> counts;
    private final Verdict verdict;
    private final Delays delays;
    private final Evidence evidence;

    JsonReport(SuiteReport b) {
        this.b = b;
        this.counts = Counts.of(b);
        this.verdict = Verdict.of(b);
        this.delays = Delays.of(b);
        this.evidence = new Evidence(b);
    }

    Map<String, Object> render() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", b.ledger.runId());
        json.put("mode", b.mode);
        json.put("verdict", verdict.failures().isEmpty() ? "PASSED" : "FAILED");
        json.put("failures", verdict.failures());
        json.put("checks", verdict.checks().stream().map(check -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", check.name());
            entry.put("result", check.skipped() != null ? "SKIPPED" : check.failures().isEmpty() ? "PASSED" : "FAILED");
            entry.put("failures", check.failures());
            if (check.skipped() != null) {
                entry.put("skipped", check.skipped());
            }
            return entry;
        }).toList());
        json.put("target", b.target);
        json.put("faultDriver", b.driver);
        json.put("config", config());
        json.put("customers", b.ledger.customers());
        json.put("startedAt", String.valueOf(b.startedAt));
        json.put("durationSeconds", MarkdownReport.seconds(b.duration));
        json.put("loadSeconds", MarkdownReport.seconds(b.loadDuration));
        json.put("loadEndedEarly", b.loadEndedEarly);
        json.put("quiescenceSeconds", MarkdownReport.seconds(b.quiescenceDuration));
        json.put("throughput", Map.of(
                "commandsPerSecond", round(MarkdownReport.perSecond(counts.get("commandsAcknowledged"), b.loadDuration)),
                "ordersPerSecond", round(MarkdownReport.perSecond(counts.get("acknowledged"), b.loadDuration))));
        json.put("counts", counts);
        json.put("faults", b.faults.stream().map(JsonReport::fault).toList());
        json.put("commitToVisibleDelay", delays());
        json.put("consumerLagAtEnd", b.lags);
        json.put("consumerLagSource", b.lagSource);
        json.put("maxConsumerLag", b.maxBacklog);
        json.put("deadLetters", b.deadLetters);
        json.put("listings", b.reconciliation == null ? Map.of() : b.reconciliation.listingCounts());
        json.put("topicAudit", topic());
        json.put("writeModelAudit", writeModel());
        json.put("readRegressions", b.regressions);
        json.put("wrongIntermediateViews", b.wrongIntermediates);
        json.put("readYourWritesViolations", b.readYourWrites == null ? List.of() : b.readYourWrites.violations());
        json.put("problems", evidence.problems().stream().map(problem -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("category", problem.category());
            entry.put("orderId", problem.orderId());
            entry.put("customerId", problem.customerId());
            entry.put("document", problem.document());
            entry.put("detail", problem.detail());
            entry.put("evidence", evidence.of(problem));
            return entry;
        }).toList());
        json.put("clientErrors", b.ledger.orders().stream().filter(order -> !order.errors().isEmpty())
                .map(order -> order.spec().idempotencyKey() + " " + order.orderId().orElse("-") + ": " + order.errors()).toList());
        return json;
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            config.put(setting.key(), value(setting));
        }
        config.put("faultPlan", b.plan);
        return config;
    }

    private Object value(Setting setting) {
        var c = b.config;
        return switch (setting) {
            case ORDERS -> c.orders();
            case MIN_ORDERS -> c.minOrders();
            case CLIENTS -> c.clients();
            case RATE -> c.rate();
            case MAX_LOAD_SECONDS -> c.maxLoad().toSeconds();
            case FAULTS -> c.faults();
            case SEED -> c.seed();
            case CUSTOMERS -> c.customers();
            case QUIESCENCE_SECONDS -> c.quiescence().toSeconds();
            case COMMAND_DEADLINE_SECONDS -> c.commandDeadline().toSeconds();
            case REQUEST_TIMEOUT_SECONDS -> c.requestTimeout().toSeconds();
            case THINK_MS -> c.think().toMillis();
            case WARMUP_SECONDS -> c.warmup().toSeconds();
            case FAULT_GAP_MS -> c.faultGap().toMillis();
            case SPREAD_SECONDS -> c.spread().toSeconds();
            case DOWNTIME_MS -> c.downtime().toMillis();
            case REWIND_RECORDS -> c.rewindRecords();
            case INVALID_RATE -> c.invalidRate();
            case MAX_AMBIGUOUS_SHARE -> c.maxAmbiguousShare();
            case MAX_MISSED_MOMENT_SHARE -> c.maxMissedMomentShare();
            case READ_YOUR_WRITES_SHARE -> c.readYourWritesShare();
            case READ_YOUR_WRITES_WAIT_MS -> c.readYourWritesWait().toMillis();
            case SAMPLE_CAP -> c.sampleCap();
            case SAMPLE_EVERY_MS -> c.sampleEvery().toMillis();
            case TOPIC -> c.topic();
            case CONSUMER_GROUP_PREFIX -> c.consumerGroupPrefix();
            case REPORT_DIR -> c.reportDir().toString();
        };
    }

    private static Map<String, Object> fault(FaultEvent fault) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", fault.number());
        json.put("kind", fault.kind());
        json.put("startSeconds", fault.startMillis() / 1000.0);
        json.put("startedAt", fault.startedAt().toString());
        json.put("durationSeconds", fault.durationMillis() / 1000.0);
        json.put("momentMet", fault.momentMet());
        json.put("detail", fault.detail());
        json.put("recordsRewound", fault.recordsRewound());
        if (fault.error() != null) {
            json.put("error", fault.error());
        }
        return json;
    }

    private Map<String, Object> delays() {
        Map<String, Object> delay = new LinkedHashMap<>(percentiles(delays.afterWarmup()));
        delay.put("scope", "acknowledged after the warm-up (" + b.config.warmup().toSeconds() + " s), faults included");
        delay.put("duringWarmup", percentiles(delays.warmup()));
        delay.put("beforeTheFirstFault", percentiles(delays.baseline()));
        delay.put("skippedWhileSamplerFull", b.delaysSkipped);
        delay.put("stillUnseenAtEnd", b.delaysPending);
        delay.put("commitToPublished", percentiles(delays.published()));
        delay.put("readYourWritesFresh", percentiles(delays.readYourWrites()));
        return delay;
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        return Map.of("samples", p.samples(), "p50Ms", p.p50(), "p95Ms", p.p95(), "p99Ms", p.p99(), "maxMs", p.max());
    }

    private Map<String, Object> topic() {
        Map<String, Object> topic = new LinkedHashMap<>();
        if (b.topic != null) {
            topic.put("records", b.topic.records());
            topic.put("redelivered", b.topic.redelivered());
            topic.put("conflictingVersions", b.topic.conflicting());
            topic.put("gaps", b.topic.gaps());
            topic.put("behindLedger", b.topic.behindLedger());
        } else {
            topic.put("notRun", b.topicNotRun);
        }
        topic.put("killsAfterCommit", evidence.killsAfterCommit());
        return topic;
    }

    private Map<String, Object> writeModel() {
        Map<String, Object> audit = new LinkedHashMap<>();
        if (b.writeModel != null) {
            audit.put("orders", b.writeModel.rows().size());
            audit.put("disagreements", b.writeModel.disagreements());
            audit.put("unknown", b.writeModel.unknown());
            audit.put("error", b.writeModel.error());
        } else {
            audit.put("notRun", b.writeModelNotRun);
        }
        return audit;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
