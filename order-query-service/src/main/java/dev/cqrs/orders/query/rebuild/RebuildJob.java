package dev.cqrs.orders.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import dev.cqrs.orders.query.readmodel.ReadModel;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one read model into a fresh generation of its collections with the live projection code: reads the whole
 * topic with its own consumer, checkpoints after every batch, switches the alias once caught up, keeps following for
 * the drain period, then drops the previous generation. Runs on a thread of its own until finished or stopped.
 */
final class RebuildJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RebuildJob.class);
    private static final Duration ENDS_REFRESH = Duration.ofSeconds(1);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final ReadModel readModel;
    private final RebuildEnvironment env;
    private final RebuildProgress progress;
    private final GenerationSwitch generations;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Consumer<String, String> consumer;
    private Map<Integer, Long> drainTargets;

    RebuildJob(ReadModel readModel, RebuildCheckpoint checkpoint, RebuildEnvironment env) {
        this.readModel = readModel;
        this.env = env;
        this.progress = new RebuildProgress(checkpoint, env.clock().instant());
        this.generations = new GenerationSwitch(readModel, env.aliases(), env.database());
    }

    /** Asks the job to checkpoint, give up its lease and end; a later start or another replica resumes it. */
    void stop() {
        stopping = true;
        stopSignal.countDown();
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        String name = readModel.name();
        log.info("{}: rebuild of generation {} {} ({}; {} events applied so far)", name, progress.generation,
                progress.runs == 1 && progress.applied == 0 ? "starting" : "resuming from its checkpoint",
                progress.state, progress.applied);
        try (BatchApplier applier = new BatchApplier(name,
                readModel.projectionInto(env.aliases().generationOf(progress.generation)), env.intake(),
                env.properties().parallelism())) {
            Duration backoff = FIRST_BACKOFF;
            while (!stopping && !progress.state.finished()) {
                try {
                    follow(applier);
                    backoff = FIRST_BACKOFF;
                } catch (LeaseLost e) {
                    log.warn("{}: {}; this replica stops working on it", name, e.getMessage());
                    return;
                } catch (WakeupException | InterruptException e) {
                    stopping = true;
                } catch (MongoException | RetriableException e) {
                    log.warn("{}: rebuild hit a transient failure ({}); retrying from its last checkpoint in {} ms. "
                            + "Check MongoDB at MONGODB_URI and Kafka at KAFKA_BOOTSTRAP_SERVERS", name, e.toString(),
                            backoff.toMillis());
                    progress.rollBack();
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                } catch (RuntimeException e) {
                    fail(e);
                    return;
                }
            }
        }
        if (!progress.state.finished()) {
            handOver();
        }
    }

    private void follow(BatchApplier applier) {
        try (Consumer<String, String> kafka = env.consumers().get()) {
            consumer = kafka;
            if (stopping) {
                return; // stop() came before the consumer existed, so its wakeup could not reach it
            }
            List<TopicPartition> partitions = kafka.partitionsFor(env.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            kafka.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long position = progress.positions.get(partition.partition());
                if (position == null) {
                    kafka.seekToBeginning(List.of(partition));
                } else {
                    kafka.seek(partition, position);
                }
            }
            if (progress.targets.isEmpty()) {
                progress.targets = RebuildProgress.byPartition(kafka.endOffsets(partitions));
                progress.ends = progress.targets;
                log.info("{}: copying the topic from the start up to its current end, {} records", readModel.name(),
                        progress.remaining(progress.targets));
                save();
            }
            Instant endsReadAt = null;
            while (!stopping) {
                progress.add(applier.apply(kafka.poll(env.properties().pollTimeout())));
                for (TopicPartition partition : partitions) {
                    progress.positions.put(partition.partition(), kafka.position(partition));
                }
                Instant now = env.clock().instant();
                if (progress.state == RebuildState.CATCHING_UP || endsReadAt == null
                        || Duration.between(endsReadAt, now).compareTo(ENDS_REFRESH) >= 0) {
                    progress.ends = RebuildProgress.byPartition(kafka.endOffsets(partitions));
                    endsReadAt = now;
                }
                advance(kafka, partitions);
                save();
                if (progress.state.finished()) {
                    return;
                }
                throttle();
            }
        } finally {
            consumer = null;
        }
    }

    private void advance(Consumer<String, String> kafka, List<TopicPartition> partitions) {
        if (progress.state == RebuildState.COPYING && progress.reached(progress.targets)) {
            progress.state = RebuildState.CATCHING_UP;
            progress.ends = RebuildProgress.byPartition(kafka.endOffsets(partitions));
            log.info("{}: copied the topic up to where it ended at the start ({} events applied, {} skipped); now {} "
                            + "records behind its end, catching up before the switch", readModel.name(), progress.applied,
                    progress.skipped, progress.remaining(progress.ends));
        }
        if (progress.state == RebuildState.CATCHING_UP
                && progress.remaining(progress.ends) <= env.properties().switchMaxLag()) {
            switchOver();
        }
        if (progress.state == RebuildState.SWITCHED
                && !env.clock().instant().isBefore(progress.switchedAt.plus(env.properties().drain()))) {
            if (drainTargets == null) {
                drainTargets = RebuildProgress.byPartition(kafka.endOffsets(partitions));
            }
            if (progress.reached(drainTargets)) {
                finish();
            }
        }
    }

    private void switchOver() {
        generations.switchTo(progress.fromGeneration, progress.generation);
        progress.state = RebuildState.SWITCHED;
        progress.switchedAt = env.clock().instant();
        log.info("{}: switched to generation {}, {} records behind the topic's end. Following the topic for {} ms more, "
                        + "so that events other replicas applied to generation {} before they saw the switch reach the new "
                        + "one too; then generation {} is dropped", readModel.name(), progress.generation,
                progress.remaining(progress.ends), env.properties().drain().toMillis(), progress.fromGeneration,
                progress.fromGeneration);
    }

    private void finish() {
        generations.dropPrevious(progress.fromGeneration, progress.generation);
        progress.state = RebuildState.DONE;
        progress.finishedAt = env.clock().instant();
        log.info("{}: rebuild done: generation {} is live with {} events applied ({} skipped) since {}; generation {} "
                + "was dropped", readModel.name(), progress.generation, progress.applied, progress.skipped,
                progress.startedAt, progress.fromGeneration);
    }

    private void fail(RuntimeException e) {
        progress.state = RebuildState.FAILED;
        progress.error = e.toString();
        progress.finishedAt = env.clock().instant();
        log.error("{}: rebuild of generation {} failed. The live generation ({}) keeps serving. Fix the cause, then "
                        + "POST /admin/rebuilds/{} to start over", readModel.name(), progress.generation,
                env.aliases().generation(readModel.name()), readModel.name(), e);
        try {
            save();
        } catch (RuntimeException saveFailure) {
            log.warn("{}: could not record the failure in {} ({})", readModel.name(), RebuildCheckpoints.COLLECTION,
                    saveFailure.toString());
        }
    }

    /** Saves where it stopped and ends its lease, so that the next start (here or elsewhere) resumes at once. */
    private void handOver() {
        try {
            save();
            env.checkpoints().release(readModel.name(), env.owner(), env.clock().instant());
            log.info("{}: rebuild stopped at {} events applied ({}); it resumes from this checkpoint when the service "
                    + "starts again", readModel.name(), progress.applied, progress.state);
        } catch (RuntimeException e) {
            log.warn("{}: rebuild stopped, but its last checkpoint could not be saved ({}); it resumes from the one "
                    + "before, once its lease expired", readModel.name(), e.toString());
        }
    }

    /** Holds the pace under max-events-per-second, waking early when stopped. */
    private void throttle() {
        long rate = env.properties().maxEventsPerSecond();
        if (rate == 0) {
            return;
        }
        long dueMillis = (progress.applied - progress.appliedAtRunStart) * 1000 / rate;
        long elapsedMillis = Duration.between(progress.runStartedAt, env.clock().instant()).toMillis();
        if (dueMillis > elapsedMillis) {
            pause(Duration.ofMillis(dueMillis - elapsedMillis));
        }
    }

    private void pause(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void save() {
        RebuildCheckpoint checkpoint = progress.checkpoint(readModel.name(), env.owner(), env.clock().instant(),
                env.properties().lease());
        if (!env.checkpoints().save(checkpoint)) {
            throw new LeaseLost("the rebuild of generation " + progress.generation + " was taken over by another "
                    + "replica (this one's lease expired)");
        }
        progress.saved();
    }

    /** Another replica owns the rebuild now. */
    private static final class LeaseLost extends RuntimeException {

        LeaseLost(String message) {
            super(message);
        }
    }
}
