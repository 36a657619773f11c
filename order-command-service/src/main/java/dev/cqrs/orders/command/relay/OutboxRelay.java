package dev.cqrs.orders.command.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs Debezium embedded in this process: it streams committed outbox inserts from the WAL and publishes them
 * to Kafka. It supervises itself: when PostgreSQL or Kafka go away it retries with backoff and resumes from its
 * durable offset. Commands never wait for it; the replication slot keeps their events meanwhile. It runs only
 * while this replica holds the relay leadership ({@link RelayLeadership}).
 */
@Component
@ConditionalOnProperty(name = "orders.relay.enabled", havingValue = "true", matchIfMissing = true)
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** Every record was acknowledged by Kafka before its batch ended, so closing the producer only says goodbye. */
    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(2);
    /** How long a stop waits for Debezium's polling thread to bring its next batch to the closed gate. */
    private static final Duration PARK = Duration.ofMillis(500);

    private final RelayProperties properties;
    private final Properties engineConfig;
    private final RelayStatus status;
    private final RelayProducerFactory producers;
    private final RelayMetrics metrics;
    private final ReplicationSlotGuard slotGuard;
    private volatile CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean engineFailed;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile BatchGate gate = new BatchGate();
    private Thread supervisor;

    OutboxRelay(RelayProperties properties, DataSourceProperties dataSource, RelayStatus status, RelayProducerFactory producers,
                RelayMetrics metrics, ReplicationSlotGuard slotGuard) {
        this.metrics = metrics;
        this.properties = properties;
        this.engineConfig = DebeziumConfig.of(properties, dataSource);
        this.status = status;
        this.producers = producers;
        this.slotGuard = slotGuard;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopRequested = new CountDownLatch(1);
        supervisor = new Thread(this::supervise, "outbox-relay");
        supervisor.start();
    }

    private void supervise() {
        long backoffMs = 500;
        while (running) {
            var producer = producers.create();
            try {
                // Checked before STARTING, so that an invalidated slot reads as SLOT_LOST throughout.
                slotGuard.refuseIfInvalidated();
                status.starting();
                ensureTopic();
                gate = new BatchGate();
                engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(engineConfig)
                        .using(OutboxRelay.class.getClassLoader())
                        .notifying(new KafkaEventPublisher(producer, properties.topic(), status, metrics, gate,
                                properties.pipelined() ? properties.maxBatchSize() : Integer.MAX_VALUE))
                        .using(this::completed)
                        .using(new DebeziumEngine.ConnectorCallback() {
                            @Override
                            public void pollingStarted() {
                                status.streaming();
                                log.info("Outbox relay is streaming from slot '{}' to topic '{}'", properties.slotName(), properties.topic());
                            }
                        })
                        .build();
                engineFailed = false;
                if (!running) {
                    break; // stopped while the engine was being set up; stop() may not have seen it
                }
                engine.run();
                engine = null;
                if (!engineFailed) {
                    backoffMs = 500;
                }
            } catch (ReplicationSlotGuard.SlotInvalidatedException e) {
                status.slotLost(e);
                log.error("Outbox relay cannot stream: {} Checking again in {} ms.", e.getMessage(), backoffMs);
            } catch (Exception e) {
                status.failing(e);
                log.warn("Outbox relay stopped: {}. Retrying in {} ms; commands are unaffected and their events wait in the WAL.",
                        rootCause(e), backoffMs);
            } finally {
                producer.close(PRODUCER_CLOSE);
            }
            if (!running) {
                break;
            }
            try {
                if (stopRequested.await(backoffMs, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
        status.stopped();
    }

    /**
     * Debezium takes an invalidated slot for a passing error and keeps waiting for it while the relay looks healthy
     * (docs/replication-slot.md), so the relay checks the slot itself and stops the engine; the supervisor then
     * reports SLOT_LOST at each retry.
     */
    @Scheduled(fixedDelayString = "${orders.relay.metrics-interval-ms:5000}")
    void stopStreamingFromAnInvalidatedSlot() {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        if (!running || current == null) {
            return;
        }
        try {
            slotGuard.refuseIfInvalidated();
        } catch (ReplicationSlotGuard.SlotInvalidatedException e) {
            status.slotLost(e);
            log.error("Outbox relay stops streaming: {}", e.getMessage());
            try {
                current.close();
            } catch (IOException | RuntimeException closing) {
                log.warn("Closing the Debezium engine failed: {}", closing.getMessage());
            }
        } catch (RuntimeException e) {
            log.debug("Could not check replication slot '{}': {}", properties.slotName(), e.getMessage());
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + " (cause: " + root + ")";
    }

    private void completed(boolean success, String message, Throwable error) {
        if (error != null && running) {
            engineFailed = true;
            status.failing(error);
            log.warn("Debezium engine ended: {}. The relay restarts and resumes from its stored offset; if this repeats,"
                    + " check PostgreSQL at {}:{} and the slot '{}'.", message,
                    engineConfig.getProperty("database.hostname"), engineConfig.getProperty("database.port"),
                    properties.slotName(), error);
        } else {
            log.info("Debezium engine ended: {}", message);
        }
    }

    private void ensureTopic() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            NewTopic topic = new NewTopic(properties.topic(), properties.topicPartitions(), properties.topicReplicationFactor())
                    // The topic is the replayable history that read models are rebuilt from.
                    .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
            admin.createTopics(List.of(topic)).all().get();
            log.info("Created topic '{}' with {} partitions", properties.topic(), properties.topicPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Stops within {@code timeout}: the batch being published ends and no new one starts ({@link BatchGate}), then
     * Debezium's close stores the offset of everything published and ends the replication stream. Past the timeout
     * it gives up waiting (the JVM may exit under it): the next start replays from the stored offset.
     */
    synchronized void stop(Duration timeout) {
        if (!running) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        running = false;
        stopRequested.countDown();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        try {
            if (current != null) {
                if (!gate.close(timeout.dividedBy(2), PARK)) {
                    log.warn("The relay's batch in progress did not end within {} ms; stopping the engine anyway. Its events"
                            + " are published again after the next start.", timeout.dividedBy(2).toMillis());
                }
                // On a thread of its own so that a close that hangs cannot hold the service's shutdown past the timeout.
                Thread closer = new Thread(() -> close(current, deadline), "outbox-relay-stop");
                closer.setDaemon(true);
                closer.start();
            }
            if (supervisor != null) {
                supervisor.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (supervisor.isAlive()) {
                    log.warn("Outbox relay did not stop within {} ms; the next start replays from the stored offset.",
                            timeout.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Outbox relay stopped after publishing {} events", status.publishedCount());
    }

    private void close(DebeziumEngine<RecordChangeEvent<SourceRecord>> engine, long deadline) {
        while (true) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException e) {
                // Debezium refuses to stop while its tasks start (they open connections); ask again until they run.
                if (System.nanoTime() - deadline > 0 || !supervisor.isAlive()) {
                    log.warn("Outbox relay did not stop cleanly: {}", e.getMessage());
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            } catch (Exception e) {
                log.warn("Outbox relay did not stop cleanly: {}. The next start replays from the stored offset.", e.toString());
                return;
            }
        }
    }

    boolean isRunning() {
        return running;
    }
}
