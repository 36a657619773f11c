package dev.cqrs.orders.query.rebuild;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

/**
 * The durable state of one read model's latest rebuild, one document per read model in {@code rebuild_checkpoints}:
 * enough to resume it after a crash and to report its progress from any replica.
 *
 * @param positions         per partition, the next offset to project (everything before it was applied)
 * @param targets           per partition, the end offset when the rebuild started: the copy phase ends there
 * @param ends              per partition, the end offset last seen
 * @param appliedAtRunStart {@code applied} when the current run (start or resumption) began, for its rate
 * @param owner             the replica running it; it holds it until {@code leaseUntil}
 */
record RebuildCheckpoint(
        String readModel, long generation, long fromGeneration, RebuildState state,
        Map<Integer, Long> positions, Map<Integer, Long> targets, Map<Integer, Long> ends,
        long applied, long skipped, int runs,
        Instant startedAt, Instant runStartedAt, long appliedAtRunStart, Instant updatedAt,
        Instant switchedAt, Instant finishedAt,
        String owner, Instant leaseUntil, String error) {

    RebuildCheckpoint {
        positions = Map.copyOf(positions);
        targets = Map.copyOf(targets);
        ends = Map.copyOf(ends);
    }

    /** A rebuild that has not read anything yet; its targets are taken when its consumer first connects. */
    static RebuildCheckpoint fresh(String readModel, long generation, long fromGeneration, String owner, Instant now,
                                   Instant leaseUntil) {
        return new RebuildCheckpoint(readModel, generation, fromGeneration, RebuildState.COPYING, Map.of(), Map.of(),
                Map.of(), 0, 0, 1, now, now, 0, now, null, null, owner, leaseUntil, null);
    }

    Document toDocument() {
        return new Document("_id", readModel)
                .append("generation", generation)
                .append("fromGeneration", fromGeneration)
                .append("state", state.name())
                .append("positions", offsets(positions))
                .append("targets", offsets(targets))
                .append("ends", offsets(ends))
                .append("applied", applied)
                .append("skipped", skipped)
                .append("runs", runs)
                .append("startedAt", date(startedAt))
                .append("runStartedAt", date(runStartedAt))
                .append("appliedAtRunStart", appliedAtRunStart)
                .append("updatedAt", date(updatedAt))
                .append("switchedAt", date(switchedAt))
                .append("finishedAt", date(finishedAt))
                .append("owner", owner)
                .append("leaseUntil", date(leaseUntil))
                .append("error", error);
    }

    static RebuildCheckpoint from(Document document) {
        return new RebuildCheckpoint(
                document.getString("_id"),
                number(document, "generation"),
                number(document, "fromGeneration"),
                RebuildState.valueOf(document.getString("state")),
                offsets(document.get("positions", Document.class)),
                offsets(document.get("targets", Document.class)),
                offsets(document.get("ends", Document.class)),
                number(document, "applied"),
                number(document, "skipped"),
                (int) number(document, "runs"),
                instant(document, "startedAt"),
                instant(document, "runStartedAt"),
                number(document, "appliedAtRunStart"),
                instant(document, "updatedAt"),
                instant(document, "switchedAt"),
                instant(document, "finishedAt"),
                document.getString("owner"),
                instant(document, "leaseUntil"),
                document.getString("error"));
    }

    // BSON keys are strings; partitions are numbers everywhere else.
    private static Document offsets(Map<Integer, Long> offsets) {
        Document document = new Document();
        new TreeMap<>(offsets).forEach((partition, offset) -> document.append(Integer.toString(partition), offset));
        return document;
    }

    private static Map<Integer, Long> offsets(Document document) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (document != null) {
            document.forEach((partition, offset) -> offsets.put(Integer.valueOf(partition), ((Number) offset).longValue()));
        }
        return offsets;
    }

    private static long number(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : 0L;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
