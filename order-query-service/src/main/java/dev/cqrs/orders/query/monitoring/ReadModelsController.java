package dev.cqrs.orders.query.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.query.intake.IntakeMetrics;
import dev.cqrs.orders.query.intake.ReadModelProgress;
import dev.cqrs.orders.query.intake.ReadModelProgress.LastApplied;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/read-models}: per read model, its live generation, its position and lag, and its delay. */
@RestController
class ReadModelsController {

    private final List<ReadModel> readModels;
    private final ReadModelAliases aliases;
    private final ConsumerLagMonitor lags;
    private final ReadModelProgress progress;
    private final MeterRegistry registry;

    ReadModelsController(List<ReadModel> readModels, ReadModelAliases aliases, ConsumerLagMonitor lags,
                         ReadModelProgress progress, MeterRegistry registry) {
        this.readModels = readModels;
        this.aliases = aliases;
        this.lags = lags;
        this.progress = progress;
        this.registry = registry;
    }

    @GetMapping("/admin/read-models")
    ResponseEntity<List<ReadModelState>> list() {
        List<ReadModelState> states = new ArrayList<>();
        for (ReadModel readModel : readModels) {
            states.add(state(readModel));
        }
        states.sort(Comparator.comparing(ReadModelState::readModel));
        return ResponseEntity.ok(states);
    }

    private ReadModelState state(ReadModel readModel) {
        String name = readModel.name();
        long generation = aliases.generation(name);
        List<String> collections = readModel.collections().stream()
                .map(base -> ReadModelAliases.collectionName(base, generation)).toList();
        var lag = lags.lag(name);
        Map<Integer, LastApplied> applied = progress.of(name);
        TreeSet<Integer> partitionIds = new TreeSet<>(applied.keySet());
        lag.ifPresent(measured -> partitionIds.addAll(measured.partitions().keySet()));
        List<PartitionState> partitions = new ArrayList<>();
        for (int partition : partitionIds) {
            var measured = lag.map(l -> l.partitions().get(partition)).orElse(null);
            LastApplied last = applied.get(partition);
            partitions.add(new PartitionState(partition,
                    measured == null ? null : measured.committed(),
                    measured == null ? null : measured.end(),
                    measured == null ? null : measured.lag(),
                    last == null ? null : last.offset(),
                    last == null ? null : last.eventOccurredAt(),
                    last == null ? null : last.appliedAt()));
        }
        Instant lastEvent = applied.values().stream().map(LastApplied::eventOccurredAt)
                .max(Comparator.naturalOrder()).orElse(null);
        return new ReadModelState(name, readModel.consumerGroup(), generation, collections,
                lag.map(ConsumerLagMonitor.GroupLag::total).orElse(null),
                lag.map(ConsumerLagMonitor.GroupLag::measuredAt).orElse(null),
                lastEvent, delay(name), partitions);
    }

    private DelayStats delay(String readModel) {
        Timer timer = registry.find(IntakeMetrics.DELAY_METRIC).tag("readModel", readModel).timer();
        if (timer == null) {
            return new DelayStats(0, null, null, null, null);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        Double p50 = null;
        Double p95 = null;
        Double p99 = null;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            double millis = value.value(TimeUnit.MILLISECONDS);
            if (value.percentile() == 0.5) {
                p50 = millis;
            } else if (value.percentile() == 0.95) {
                p95 = millis;
            } else if (value.percentile() == 0.99) {
                p99 = millis;
            }
        }
        return new DelayStats(timer.count(), p50, p95, p99, timer.max(TimeUnit.MILLISECONDS));
    }
}
