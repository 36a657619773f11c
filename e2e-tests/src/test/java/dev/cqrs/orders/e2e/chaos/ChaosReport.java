package dev.cqrs.orders.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cqrs.orders.e2e.chaos.FaultInjector.FaultEvent;
import dev.cqrs.orders.e2e.chaos.OrderRecord.Outcome;
import dev.cqrs.orders.e2e.chaos.Reconciler.Category;

/** The outcome of a chaos run: counts, faults, delays, audits and the reasons it failed, as Markdown and JSON. */
public final class ChaosReport {

    private static final int LISTED_PROBLEMS = 40;

    private final Builder b;
    private final Map<String, Long> counts;
    private final Percentiles delays;
    private final Percentiles baseline;
    private final Percentiles warmup;
    private final List<String> failures;

    private ChaosReport(Builder builder) {
        this.b = builder;
        this.counts = counts(builder);
        long firstFault = builder.faults.stream().mapToLong(FaultEvent::startMillis).min().orElse(Long.MAX_VALUE);
        long warmup = builder.config.warmup().toMillis();
        this.warmup = Percentiles.of(builder.delayTimeline.stream().filter(sample -> sample[0] < warmup).map(sample -> sample[1]).toList());
        this.baseline = Percentiles.of(builder.delayTimeline.stream().filter(sample -> sample[0] >= warmup && sample[0] < firstFault)
                .map(sample -> sample[1]).toList());
        this.delays = Percentiles.of(builder.delayTimeline.stream().filter(sample -> sample[0] >= warmup).map(sample -> sample[1]).toList());
        this.failures = failures(builder, counts);
    }

    /** Why the run failed; empty when it passed. */
    public List<String> failures() {
        return failures;
    }

    public Map<String, Long> counts() {
        return counts;
    }

    public Percentiles delays() {
        return delays;
    }

    private static Map<String, Long> counts(Builder b) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<OrderRecord.Command> commands = b.ledger.stream().flatMap(order -> order.commands().stream()).toList();
        Reconciler.Result r = b.reconciliation;
        counts.put("ordersPlanned", (long) b.config.orders());
        counts.put("acknowledged", b.ledger.stream().filter(order -> order.orderId().isPresent()).count());
        counts.put("commandsAcknowledged", commands.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count());
        counts.put("visible", r == null ? 0 : (long) r.visible());
        counts.put("lost", r == null ? 0 : (long) r.count(Category.LOST));
        counts.put("doubled", r == null ? 0 : (long) r.count(Category.DOUBLED));
        counts.put("stuck", r == null ? 0 : (long) r.count(Category.STUCK));
        counts.put("wrong", r == null ? 0 : (long) r.count(Category.WRONG));
        counts.put("phantom", r == null ? 0 : (long) r.count(Category.PHANTOM));
        counts.put("ambiguous", b.ledger.stream().filter(OrderRecord::ambiguousOutcome).count());
        counts.put("uncertainCommands", commands.stream().filter(OrderRecord.Command::uncertain).count());
        counts.put("uncertainCreates", commands.stream().filter(c -> c.uncertain() && c.name().equals("create")).count());
        counts.put("uncertainCommittedEarlier", commands.stream().filter(c -> c.outcome() == Outcome.COMMITTED_EARLIER).count());
        counts.put("uncertainCommittedOnRetry", commands.stream()
                .filter(c -> c.uncertain() && c.outcome() == Outcome.ACKNOWLEDGED && !c.name().equals("create")).count());
        counts.put("createsRetried", commands.stream().filter(c -> c.name().equals("create") && c.attempts() > 1).count());
        counts.put("refusedAsExpected", commands.stream().filter(c -> c.outcome() == Outcome.REFUSED_AS_EXPECTED).count());
        counts.put("neverSent", commands.stream().filter(c -> c.outcome() == Outcome.NEVER_SENT).count());
        counts.put("unresolvedCreates", b.ledger.stream().filter(OrderRecord::createUnresolved).count());
        counts.put("clientErrors", b.ledger.stream().filter(order -> !order.errors().isEmpty()).count());
        counts.put("readRegressions", (long) b.regressions.size());
        counts.put("wrongIntermediateViews", (long) b.wrongIntermediates.size());
        counts.put("faultsInjected", (long) b.faults.size());
        counts.put("recordsRewound", b.faults.stream().mapToLong(FaultEvent::recordsRewound).sum());
        counts.put("topicRecords", b.topic == null ? 0 : b.topic.records());
        counts.put("topicRedelivered", b.topic == null ? 0 : b.topic.redelivered());
        return counts;
    }

    private static List<String> failures(Builder b, Map<String, Long> counts) {
        List<String> failures = new ArrayList<>(b.errors);
        for (String count : List.of("lost", "doubled", "stuck", "wrong", "phantom")) {
            if (counts.get(count) > 0) {
                failures.add(counts.get(count) + " " + count + " order(s)");
            }
        }
        if (b.reconciliation == null) {
            failures.add("no reconciliation");
        }
        if (!b.quiet) {
            failures.add("the read side did not become quiescent within " + b.config.quiescence().toSeconds() + " s");
        }
        b.lags.forEach((group, lag) -> {
            if (lag > 0) {
                failures.add("consumer group " + group + " still lags " + lag + " record(s): stuck");
            }
        });
        if (counts.get("clientErrors") > 0) {
            failures.add(counts.get("clientErrors") + " order(s) got answers a disciplined client must not get");
        }
        if (counts.get("unresolvedCreates") > 0) {
            failures.add(counts.get("unresolvedCreates") + " create(s) never got a definite answer: phantoms cannot be told apart");
        }
        if (counts.get("readRegressions") > 0) {
            failures.add(counts.get("readRegressions") + " read(s) showed an older version after a newer one");
        }
        if (counts.get("wrongIntermediateViews") > 0) {
            failures.add(counts.get("wrongIntermediateViews") + " view(s) had a status the ledger rules out for their version");
        }
        if (b.topic != null && !b.topic.conflicting().isEmpty()) {
            failures.add(b.topic.conflicting().size() + " order version(s) published as different events");
        }
        b.faults.stream().filter(fault -> fault.error() != null)
                .forEach(fault -> failures.add("fault " + fault.number() + " " + fault.kind() + " failed: " + fault.error()));
        if (b.faults.size() < b.plan.size()) {
            failures.add("only " + b.faults.size() + " of " + b.plan.size() + " planned faults were injected");
        }
        if (b.config.faults() >= FaultKind.values().length) {
            Set<FaultKind> missing = EnumSet.allOf(FaultKind.class);
            b.faults.forEach(fault -> missing.remove(fault.kind()));
            if (!missing.isEmpty()) {
                failures.add("fault kinds never injected: " + missing);
            }
        }
        return List.copyOf(failures);
    }

    /**
     * Writes chaos-report.md, chaos-report.json, chaos-ledger.jsonl (one order per line), chaos-delays.csv (each
     * delay sample with the time of its acknowledgement), chaos-lag.csv (each group's backlog over time) and
     * chaos-publish.csv (each event's commit→published delay) into {@code dir}.
     */
    public void write(Path dir, List<OrderRecord> ledger) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("chaos-report.md"), markdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("chaos-report.json"),
                    ChaosHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json()), StandardCharsets.UTF_8);
            StringBuilder lines = new StringBuilder();
            for (OrderRecord order : ledger) {
                lines.append(ChaosHttp.JSON.writeValueAsString(order.toMap())).append('\n');
            }
            Files.writeString(dir.resolve("chaos-ledger.jsonl"), lines.toString(), StandardCharsets.UTF_8);
            StringBuilder csv = new StringBuilder("acknowledged_at_ms,delay_ms\n");
            b.delayTimeline.stream().sorted(java.util.Comparator.comparingLong(sample -> sample[0]))
                    .forEach(sample -> csv.append(sample[0]).append(',').append(sample[1]).append('\n'));
            Files.writeString(dir.resolve("chaos-delays.csv"), csv.toString(), StandardCharsets.UTF_8);
            StringBuilder lag = new StringBuilder("at_ms,group,records_not_committed\n");
            b.backlog.forEach(point -> point.lagByGroup().forEach((group, records) ->
                    lag.append(point.atMillis()).append(',').append(group).append(',').append(records).append('\n')));
            Files.writeString(dir.resolve("chaos-lag.csv"), lag.toString(), StandardCharsets.UTF_8);
            StringBuilder published = new StringBuilder("occurred_at_ms,publish_delay_ms\n");
            long start = b.startedAt == null ? 0 : b.startedAt.toEpochMilli();
            if (b.topic != null) {
                b.topic.publications().stream().sorted(java.util.Comparator.comparingLong(entry -> entry[0]))
                        .forEach(entry -> published.append(entry[0] - start).append(',').append(entry[1]).append('\n'));
            }
            Files.writeString(dir.resolve("chaos-publish.csv"), published.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chaos report to " + dir, e);
        }
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", b.runId);
        json.put("verdict", failures.isEmpty() ? "PASSED" : "FAILED");
        json.put("failures", failures);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("orders", b.config.orders());
        config.put("clients", b.config.clients());
        config.put("faults", b.config.faults());
        config.put("seed", b.config.seed());
        config.put("customers", b.customers);
        config.put("quiescenceTimeoutSeconds", b.config.quiescence().toSeconds());
        config.put("commandDeadlineSeconds", b.config.commandDeadline().toSeconds());
        config.put("thinkMs", b.config.think().toMillis());
        config.put("ratePerSecond", b.config.rate());
        config.put("warmupSeconds", b.config.warmup().toSeconds());
        config.put("downtimeMs", b.config.downtime().toMillis());
        config.put("spreadSeconds", b.config.spread().toSeconds());
        config.put("rewindRecords", b.config.rewindRecords());
        config.put("invalidRate", b.config.invalidRate());
        config.put("faultPlan", b.plan);
        json.put("config", config);
        json.put("startedAt", String.valueOf(b.startedAt));
        json.put("durationSeconds", seconds(b.duration));
        json.put("loadSeconds", seconds(b.loadDuration));
        json.put("quiescenceSeconds", seconds(b.quiescenceDuration));
        json.put("throughput", Map.of("commandsPerSecond", round(perSecond(counts.get("commandsAcknowledged"), b.loadDuration)),
                "ordersPerSecond", round(perSecond(counts.get("acknowledged"), b.loadDuration))));
        json.put("counts", counts);
        json.put("faults", b.faults.stream().map(this::faultJson).toList());
        Map<String, Object> delay = new LinkedHashMap<>();
        delay.put("samples", delays.samples());
        delay.put("p50Ms", delays.p50());
        delay.put("p95Ms", delays.p95());
        delay.put("p99Ms", delays.p99());
        delay.put("maxMs", delays.max());
        delay.put("scope", "acknowledged after the warm-up (" + b.config.warmup().toSeconds() + " s), faults included");
        delay.put("duringWarmup", Map.of("samples", warmup.samples(), "p50Ms", warmup.p50(), "p95Ms", warmup.p95(),
                "p99Ms", warmup.p99(), "maxMs", warmup.max()));
        delay.put("beforeTheFirstFault", Map.of("samples", baseline.samples(), "p50Ms", baseline.p50(), "p95Ms", baseline.p95(),
                "p99Ms", baseline.p99(), "maxMs", baseline.max()));
        delay.put("skippedWhileSamplerFull", b.delaysSkipped);
        delay.put("stillUnseenAtEnd", b.delaysPending);
        Percentiles publish = publishDelays();
        delay.put("commitToPublished", Map.of("samples", publish.samples(), "p50Ms", publish.p50(), "p95Ms", publish.p95(),
                "p99Ms", publish.p99(), "maxMs", publish.max()));
        json.put("commitToVisibleDelay", delay);
        json.put("consumerLagAtEnd", b.lags);
        json.put("maxConsumerLag", b.maxBacklog);
        json.put("deadLetters", b.deadLetters);
        json.put("listings", b.reconciliation == null ? Map.of() : b.reconciliation.listingCounts());
        Map<String, Object> topic = new LinkedHashMap<>();
        if (b.topic != null) {
            topic.put("records", b.topic.records());
            topic.put("redelivered", b.topic.redelivered());
            topic.put("conflictingVersions", b.topic.conflicting());
            topic.put("gaps", b.topic.gaps());
            topic.put("behindLedger", b.topic.behindLedger());
        }
        topic.put("killsAfterCommit", killAfterCommitEvidence());
        json.put("topicAudit", topic);
        if (b.writeModel != null) {
            json.put("writeModelAudit", Map.of("orders", b.writeModel.rows().size(), "disagreements", b.writeModel.disagreements(),
                    "unknown", b.writeModel.unknown(), "error", String.valueOf(b.writeModel.error())));
        }
        json.put("readRegressions", b.regressions);
        json.put("wrongIntermediateViews", b.wrongIntermediates);
        json.put("problems", problems().stream().map(problem -> Map.of("category", problem.category(), "orderId", problem.orderId(),
                "customerId", problem.customerId(), "detail", problem.detail(), "evidence", evidence(problem.orderId()))).toList());
        json.put("clientErrors", b.ledger.stream().filter(order -> !order.errors().isEmpty())
                .map(order -> order.spec().idempotencyKey() + " " + order.orderId().orElse("-") + ": " + order.errors()).toList());
        return json;
    }

    private Map<String, Object> faultJson(FaultEvent fault) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", fault.number());
        json.put("kind", fault.kind());
        json.put("startSeconds", fault.startMillis() / 1000.0);
        json.put("startedAt", fault.startedAt().toString());
        json.put("durationSeconds", fault.durationMillis() / 1000.0);
        json.put("detail", fault.detail());
        if (fault.error() != null) {
            json.put("error", fault.error());
        }
        return json;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Chaos run ").append(b.runId).append(": ").append(failures.isEmpty() ? "PASSED" : "FAILED").append("\n\n");
        md.append("| orders | clients | faults | seed | customers | quiescence timeout | started | duration | load | quiescence | throughput |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d s | %s | %.1f s | %.1f s | %.1f s | %.1f commands/s, %.1f orders/s |%n%n",
                b.config.orders(), b.config.clients(), b.config.faults(), b.config.seed(), b.customers.size(),
                b.config.quiescence().toSeconds(), b.startedAt == null ? "-" : b.startedAt.truncatedTo(ChronoUnit.SECONDS),
                seconds(b.duration), seconds(b.loadDuration), seconds(b.quiescenceDuration),
                perSecond(counts.get("commandsAcknowledged"), b.loadDuration), perSecond(counts.get("acknowledged"), b.loadDuration)));

        md.append("## Counts\n\n");
        md.append("| acknowledged | visible | lost | doubled | stuck | wrong | phantom | ambiguous |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d |%n%n", counts.get("acknowledged"),
                counts.get("visible"), counts.get("lost"), counts.get("doubled"), counts.get("stuck"), counts.get("wrong"),
                counts.get("phantom"), counts.get("ambiguous")));
        md.append(String.format(Locale.ROOT,
                "%d commands acknowledged (2xx) in all. %d creates were retried (same Idempotency-Key, same order), %d of them "
                        + "after an uncertain outcome (timeout, reset or 5xx). %d transitions had an uncertain outcome and were "
                        + "resolved by sending them again: %d had committed (the retry got 409), %d committed on the retry; %d stayed "
                        + "ambiguous. %d deliberately invalid transitions were refused with 409. Never reached a server before the "
                        + "deadline: %d; client errors: %d; unresolved creates: %d.%n%n",
                counts.get("commandsAcknowledged"), counts.get("createsRetried"), counts.get("uncertainCreates"),
                counts.get("uncertainCommands") - counts.get("uncertainCreates"), counts.get("uncertainCommittedEarlier"),
                counts.get("uncertainCommittedOnRetry"), counts.get("ambiguous"), counts.get("refusedAsExpected"),
                counts.get("neverSent"), counts.get("clientErrors"), counts.get("unresolvedCreates")));

        md.append("## Faults\n\n");
        md.append("| # | kind | start | at (UTC) | duration | what happened |\n|---:|---|---:|---|---:|---|\n");
        for (FaultEvent fault : b.faults) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f s | %s | %.1f s | %s%s |%n", fault.number(), fault.kind(),
                    fault.startMillis() / 1000.0, fault.startedAt().truncatedTo(ChronoUnit.MILLIS), fault.durationMillis() / 1000.0,
                    fault.detail(), fault.error() == null ? "" : " **ERROR: " + fault.error() + "**"));
        }
        md.append('\n').append("By kind: ").append(FaultInjector.countByKind(b.faults)).append(". Records rewound in all: ")
                .append(counts.get("recordsRewound")).append(".\n\n");

        md.append("## Commit→visible delay\n\n");
        md.append("From the 2xx at the client to the first read of the query side showing that version (sampled).\n\n");
        md.append("| acknowledged | samples | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| **after the warm-up, faults included** | %d | %d ms | %d ms | %d ms | %d ms |%n",
                delays.samples(), delays.p50(), delays.p95(), delays.p99(), delays.max()));
        md.append(String.format(Locale.ROOT, "| after the warm-up, before the first fault (baseline) | %d | %d ms | %d ms | %d ms | %d ms |%n",
                baseline.samples(), baseline.p50(), baseline.p95(), baseline.p99(), baseline.max()));
        md.append(String.format(Locale.ROOT, "| during the warm-up (first %d s: JIT, caches) | %d | %d ms | %d ms | %d ms | %d ms |%n",
                b.config.warmup().toSeconds(), warmup.samples(), warmup.p50(), warmup.p95(), warmup.p99(), warmup.max()));
        Percentiles publish = publishDelays();
        md.append(String.format(Locale.ROOT, "| commit→published only (every event: record timestamp − occurredAt) | %d | %d ms | %d ms | %d ms | %d ms |%n%n",
                publish.samples(), publish.p50(), publish.p95(), publish.p99(), publish.max()));
        md.append("Acknowledgements not sampled: ").append(b.delaysSkipped).append(" (at most one per ")
                .append(b.config.sampleEvery().toMillis()).append(" ms, ").append(b.config.sampleCap())
                .append(" watched at once); still unseen at the end: ").append(b.delaysPending)
                .append(". The tail comes from the faults: a kill -9 of the query service stalls its partitions until the dead "
                        + "consumers' session times out, a restarted relay needs seconds before it publishes again, and the backlog "
                        + "then drains while the load goes on. Every sample: chaos-delays.csv; the consumers' backlog over time: "
                        + "chaos-lag.csv; every event's commit→published delay: chaos-publish.csv.\n\n");

        md.append("## Read side, topic and write model\n\n");
        if (b.reconciliation != null) {
            md.append("- listings: ").append(b.reconciliation.listingCounts()).append('\n');
        }
        md.append("- consumer lag (records not yet committed): largest during the run ").append(b.maxBacklog)
                .append("; at the end ").append(b.lags).append("; dead letters: ").append(b.deadLetters).append('\n');
        if (b.topic != null) {
            md.append(String.format(Locale.ROOT,
                    "- topic: %d records of this run's orders, %d of them redelivered duplicates (at-least-once after crashes); "
                            + "conflicting versions: %d; gaps: %d; behind the ledger: %d%n",
                    b.topic.records(), b.topic.redelivered(), b.topic.conflicting().size(), b.topic.gaps().size(), b.topic.behindLedger().size()));
        }
        killAfterCommitEvidence().forEach(line -> md.append("- kill after commit: ").append(line).append('\n'));
        if (b.writeModel != null) {
            md.append(b.writeModel.error() != null ? "- write model: not readable: " + b.writeModel.error() + "\n"
                    : String.format(Locale.ROOT, "- write model (PostgreSQL): %d orders of the run's customers; disagreeing with the ledger: %d; "
                            + "unknown to the ledger: %d%n", b.writeModel.rows().size(), b.writeModel.disagreements().size(),
                            b.writeModel.unknown().size()));
        }
        md.append("- read checks: ").append(b.regressions.size()).append(" reads went back in version, ")
                .append(b.wrongIntermediates.size()).append(" views had a status the ledger rules out for their version\n\n");

        List<Reconciler.Problem> problems = problems();
        if (!problems.isEmpty() || !b.regressions.isEmpty() || !b.wrongIntermediates.isEmpty()) {
            md.append("## Problems (first ").append(LISTED_PROBLEMS).append(")\n\n");
            for (Reconciler.Problem problem : problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size()))) {
                md.append("- **").append(problem.category()).append("** ").append(problem.orderId()).append(" (")
                        .append(problem.customerId()).append("): ").append(problem.detail()).append('\n');
                evidence(problem.orderId()).forEach(line -> md.append("  - ").append(line).append('\n'));
            }
            b.regressions.stream().limit(LISTED_PROBLEMS).forEach(line -> md.append("- **REGRESSION** ").append(line).append('\n'));
            b.wrongIntermediates.stream().limit(LISTED_PROBLEMS).forEach(line -> md.append("- **WRONG STATUS** ").append(line).append('\n'));
            md.append('\n');
        }
        md.append("## Verdict\n\n");
        if (failures.isEmpty()) {
            md.append("PASSED: every acknowledged command is on the read side exactly once, in order; no phantom, nothing stuck.\n");
        } else {
            failures.forEach(failure -> md.append("- FAILED: ").append(failure).append('\n'));
        }
        return md.toString();
    }

    private Percentiles publishDelays() {
        return Percentiles.of(b.topic == null ? List.of() : b.topic.publishDelaysMillis());
    }

    private List<Reconciler.Problem> problems() {
        return b.reconciliation == null ? List.of() : b.reconciliation.problems();
    }

    /** What the ledger, the topic and the write model say about one order. */
    private List<String> evidence(String orderId) {
        List<String> lines = new ArrayList<>();
        b.ledger.stream().filter(order -> order.orderId().map(orderId::equals).orElse(false)).findFirst()
                .ifPresent(order -> lines.add("ledger: " + order.commands().stream()
                        .map(c -> c.name() + "→" + c.outcome() + " v" + c.version() + " @" + c.atMillis() + "ms"
                                + (c.attempts() > 1 ? " (" + c.attempts() + " attempts)" : ""))
                        .collect(Collectors.joining(", "))));
        if (b.topic != null) {
            lines.add("topic: " + b.topic.eventsOf(orderId));
        }
        if (b.writeModel != null && b.writeModel.rows().containsKey(orderId)) {
            lines.add("write model: " + b.writeModel.rows().get(orderId));
        }
        return lines;
    }

    /** For each kill right after a 2xx: was the acknowledged event published before the kill, or by the restarted relay? */
    private List<String> killAfterCommitEvidence() {
        List<String> lines = new ArrayList<>();
        for (FaultEvent fault : b.faults) {
            Progress.Ack ack = fault.killedAck();
            if (ack == null || fault.killedAt() == null) {
                continue;
            }
            String where = b.topic == null ? "topic not read" : b.topic.eventsOf(ack.orderId()).stream()
                    .filter(event -> event.version() == ack.version()).findFirst()
                    .map(event -> {
                        long ms = Duration.between(fault.killedAt(), event.timestamp()).toMillis();
                        return ms <= 0 ? "published " + (-ms) + " ms before the kill"
                                : String.format(Locale.ROOT, "published %.1f s after the kill (by the restarted relay)", ms / 1000.0);
                    }).orElse("NOT on the topic");
            lines.add("fault " + fault.number() + ": " + ack.command() + " of " + ack.orderId() + " v" + ack.version() + " " + where);
        }
        return lines;
    }

    private static double seconds(Duration duration) {
        return duration == null ? 0 : duration.toMillis() / 1000.0;
    }

    private static double perSecond(long count, Duration duration) {
        return duration == null || duration.isZero() ? 0 : count / (duration.toMillis() / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Collects the pieces of a report while the run goes on. */
    static final class Builder {

        private final ChaosConfig config;
        private final String runId;
        private final List<String> customers;
        private final List<FaultKind> plan;
        private final List<String> errors = new ArrayList<>();
        private Instant startedAt;
        private Duration loadDuration;
        private Duration quiescenceDuration;
        private Duration duration;
        private List<OrderRecord> ledger = List.of();
        private List<FaultEvent> faults = List.of();
        private boolean quiet;
        private Map<String, Long> lags = Map.of();
        private List<long[]> delayTimeline = List.of();
        private List<LagSampler.Point> backlog = List.of();
        private Map<String, Long> maxBacklog = Map.of();
        private long delaysSkipped;
        private long delaysPending;
        private Reconciler.Result reconciliation;
        private List<String> regressions = List.of();
        private List<String> wrongIntermediates = List.of();
        private TopicAudit.Result topic;
        private WriteModelAudit.Result writeModel;
        private String deadLetters = "not read";

        Builder(ChaosConfig config, String runId, List<String> customers, List<FaultKind> plan) {
            this.config = config;
            this.runId = runId;
            this.customers = customers;
            this.plan = plan;
        }

        void startedAt(Instant instant) {
            startedAt = instant;
        }

        synchronized void error(String error) {
            errors.add(error);
        }

        void load(Duration took, List<OrderRecord> orders, List<FaultEvent> injected) {
            loadDuration = took;
            ledger = orders;
            faults = injected;
        }

        void quiescence(boolean reached, Duration took, Map<String, Long> groupLags) {
            quiet = reached;
            quiescenceDuration = took;
            lags = groupLags;
        }

        void delays(List<long[]> samples, long skipped, long pending) {
            delayTimeline = samples;
            delaysSkipped = skipped;
            delaysPending = pending;
        }

        void backlog(List<LagSampler.Point> points, Map<String, Long> maxima) {
            backlog = points;
            maxBacklog = maxima;
        }

        void reconciliation(Reconciler.Result result) {
            reconciliation = result;
        }

        void observations(List<String> readRegressions, List<String> wrongViews) {
            regressions = readRegressions;
            wrongIntermediates = wrongViews;
        }

        void topic(TopicAudit.Result result) {
            topic = result;
        }

        void writeModel(WriteModelAudit.Result result) {
            writeModel = result;
        }

        void deadLetters(String text) {
            deadLetters = text;
        }

        void ended(Duration took) {
            duration = took;
        }

        ChaosReport build() {
            return new ChaosReport(this);
        }
    }
}
