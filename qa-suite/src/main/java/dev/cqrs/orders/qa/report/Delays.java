package dev.cqrs.orders.qa.report;

import java.util.List;

import dev.cqrs.orders.qa.faults.FaultEvent;

/** The commit-to-visible samples split by phase: during the warm-up, before the first fault, after the warm-up. */
record Delays(Percentiles warmup, Percentiles baseline, Percentiles afterWarmup, Percentiles published, Percentiles readYourWrites) {

    static Delays of(SuiteReport b) {
        long firstFault = b.faults.stream().mapToLong(FaultEvent::startMillis).min().orElse(Long.MAX_VALUE);
        long warmup = b.config.warmup().toMillis();
        List<long[]> samples = b.delayTimeline;
        return new Delays(
                Percentiles.of(samples.stream().filter(sample -> sample[0] < warmup).map(sample -> sample[1]).toList()),
                Percentiles.of(samples.stream().filter(sample -> sample[0] >= warmup && sample[0] < firstFault)
                        .map(sample -> sample[1]).toList()),
                Percentiles.of(samples.stream().filter(sample -> sample[0] >= warmup).map(sample -> sample[1]).toList()),
                Percentiles.of(b.topic == null ? List.of() : b.topic.publishDelaysMillis()),
                Percentiles.of(b.readYourWrites == null ? List.of() : b.readYourWrites.freshMillis()));
    }
}
