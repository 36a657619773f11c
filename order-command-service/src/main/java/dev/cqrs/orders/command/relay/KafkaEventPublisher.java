package dev.cqrs.orders.command.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.command.outbox.OutboxWriter;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each batch the EventRouter produced to Kafka, keyed by order id, and acknowledges the batch to Debezium
 * only after Kafka has acknowledged every record: offsets never get ahead of what is published. A failed send
 * is retried from the first failed record on, so per-order order holds; any resend is a duplicate the
 * consumers drop. A stopping relay closes the {@link BatchGate}: the batch in progress ends, no new one starts.
 */
final class KafkaEventPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Producer<String, String> producer;
    private final String topic;
    private final RelayStatus status;
    private final RelayMetrics metrics;
    private final BatchGate gate;

    KafkaEventPublisher(Producer<String, String> producer, String topic, RelayStatus status, RelayMetrics metrics,
                        BatchGate gate) {
        this.producer = producer;
        this.gate = gate;
        this.topic = topic;
        this.status = status;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> batch,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        gate.enter();
        try {
            publish(batch, committer);
        } finally {
            gate.leave();
        }
    }

    private void publish(List<RecordChangeEvent<SourceRecord>> batch,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
        int warmUps = 0;
        for (RecordChangeEvent<SourceRecord> event : batch) {
            SourceRecord source = event.record();
            // Only what the EventRouter routed to the topic is an event. Debezium's heartbeat records pass the router
            // unchanged (no change-event envelope), and warm-up rows are no event: both are acknowledged below, so
            // that their offset, which moves the slot, is stored, but never published.
            if (source.value() != null && topic.equals(source.topic())) {
                if (isWarmUp(source)) {
                    warmUps++;
                } else {
                    records.add(toProducerRecord(source));
                }
            }
        }
        sendAll(records);
        for (ProducerRecord<String, String> record : records) {
            var occurredAt = record.headers().lastHeader("occurredAt");
            metrics.published(occurredAt == null ? null : new String(occurredAt.value(), StandardCharsets.UTF_8));
        }
        for (RecordChangeEvent<SourceRecord> event : batch) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        if (!records.isEmpty()) {
            status.published(records.size());
        }
        if (warmUps > 0) {
            status.warmedUp(warmUps);
        }
    }

    private static boolean isWarmUp(SourceRecord source) {
        Header type = source.headers().lastWithName("eventType");
        return type != null && OutboxWriter.RELAY_WARM_UP_TYPE.equals(String.valueOf(type.value()));
    }

    private ProducerRecord<String, String> toProducerRecord(SourceRecord source) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, String.valueOf(source.key()), String.valueOf(source.value()));
        for (Header header : source.headers()) {
            if (header.value() != null) {
                record.headers().add(header.key(), String.valueOf(header.value()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return record;
    }

    private void sendAll(List<ProducerRecord<String, String>> records) throws InterruptedException {
        int from = 0;
        long backoffMs = 100;
        while (from < records.size()) {
            int failedAt = trySend(records.subList(from, records.size()));
            if (failedAt < 0) {
                return;
            }
            from += failedAt;
            log.warn("Kafka did not accept event {} of a batch of {}; resending from there in {} ms. Check that the"
                    + " brokers are reachable and the topic '{}' exists. Nothing is lost: the WAL keeps the events.",
                    from + 1, records.size(), backoffMs, topic);
            TimeUnit.MILLISECONDS.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    /** Sends the records in order; answers the index of the first that failed, or -1. */
    private int trySend(List<ProducerRecord<String, String>> records) throws InterruptedException {
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, String> record : records) {
                futures.add(producer.send(record));
            }
        } catch (KafkaException e) {
            status.failing(e);
            return futures.size();
        } finally {
            producer.flush();
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                status.failing(e.getCause());
                return i;
            }
        }
        return -1;
    }
}
