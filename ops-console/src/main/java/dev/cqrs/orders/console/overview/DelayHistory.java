package dev.cqrs.orders.console.overview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The last few minutes of each read model's commit→applied delay (p50, p99) and lag, for the page's chart: a ring
 * buffer of at most {@code capacity} samples per read model, at most one sample per {@code interval}. Samples are
 * taken from the overview the page polls anyway, so the console needs no credential of its own.
 */
class DelayHistory {

    /** One point of the chart. */
    record Sample(Instant at, Double p50Ms, Double p99Ms, Long lag) {
    }

    private final Clock clock;
    private final Duration interval;
    private final int capacity;
    private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();
    private Instant lastSampleAt = Instant.EPOCH;

    DelayHistory(Clock clock, Duration interval, int capacity) {
        this.clock = clock;
        this.interval = interval;
        this.capacity = Math.max(2, capacity);
    }

    /** Takes a sample from a {@code GET /admin/read-models} answer, unless the last one is younger than the interval. */
    synchronized void offer(JsonNode readModels) {
        Instant now = clock.instant();
        if (readModels == null || !readModels.isArray() || now.isBefore(lastSampleAt.plus(interval))) {
            return;
        }
        lastSampleAt = now;
        for (JsonNode readModel : readModels) {
            JsonNode delay = readModel.path("delay");
            Sample sample = new Sample(now, number(delay.path("p50Ms")), number(delay.path("p99Ms")),
                    readModel.path("lagRecords").isNumber() ? readModel.path("lagRecords").asLong() : null);
            Deque<Sample> ring = samples.computeIfAbsent(readModel.path("readModel").asString(), name -> new ArrayDeque<>());
            ring.addLast(sample);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
        }
    }

    /** Oldest first, per read model. */
    synchronized Map<String, List<Sample>> snapshot() {
        Map<String, List<Sample>> copy = new LinkedHashMap<>();
        samples.forEach((name, ring) -> copy.put(name, new ArrayList<>(ring)));
        return copy;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
