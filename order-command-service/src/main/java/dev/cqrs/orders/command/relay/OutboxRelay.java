package dev.cqrs.orders.command.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
            try (var producer = producers.create()) {
                // Checked before STARTING, so that an invalidated slot reads as SLOT_LOST throughout.
                slotGuard.refuseIfInvalidated();
                status.starting();
                ensureTopic();
                engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(engineConfig)
                        .using(OutboxRelay.class.getClassLoader())
                        .notifying(new KafkaEventPublisher(producer, properties.topic(), status, metrics))
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
     * Debezium takes an invalidated slot for a passing error: it restarts the connector and waits for a valid slot
     * up to 900 times, 2 s apart, while the relay still looks healthy. So the relay checks the slot itself, and stops
     * the engine when PostgreSQL invalidated it; the supervisor then reports SLOT_LOST at each retry.
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

    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopRequested.countDown();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        try {
            if (current != null) {
                // Closing lets the engine finish its batch and store the offset it reached; interrupting the
                // supervisor now would cut that short.
                current.close();
            }
            if (supervisor != null) {
                supervisor.join(Duration.ofSeconds(30).toMillis());
            }
        } catch (Exception e) {
            log.warn("Outbox relay did not stop cleanly: {}. The next start replays from the stored offset.", e.getMessage());
        }
        log.info("Outbox relay stopped after publishing {} events", status.publishedCount());
    }

    boolean isRunning() {
        return running;
    }
}
