package dev.cqrs.orders.command.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.command.outbox.OutboxWriter;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each batch the EventRouter produced to Kafka, keyed by order id, and acknowledges a batch to Debezium only
 * after Kafka has acknowledged every record of it: offsets never get ahead of what is published. While a backlog
 * drains (the batch is full), the batch is left in flight and acknowledged when the next one has been sent, so Kafka
 * acknowledges one batch while Debezium prepares the next. A failed send is retried from the first failed record on,
 * with every record sent after it, so per-order order holds; any resend is a duplicate the consumers drop. A stopping
 * relay closes the {@link BatchGate}: the batch in progress ends, the one in flight is acknowledged, no new one starts.
 */
final class KafkaEventPublisher implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Producer<String, String> producer;
    private final String topic;
    private final RelayStatus status;
    private final RelayMetrics metrics;
    private final BatchGate gate;
    private final int pipelineFrom;
    /** The last full batch: sent, not yet acknowledged to Debezium. Only Debezium's polling thread touches it. */
    private SentBatch inFlight;

    /** Batches of at least {@code pipelineFrom} events are left in flight; {@code Integer.MAX_VALUE} never does. */
    KafkaEventPublisher(Producer<String, String> producer, String topic, RelayStatus status, RelayMetrics metrics,
                        BatchGate gate, int pipelineFrom) {
        this.producer = producer;
        this.gate = gate;
        this.topic = topic;
        this.status = status;
        this.metrics = metrics;
        this.pipelineFrom = pipelineFrom;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> batch,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        gate.enter(this::acknowledgeInFlight);
        try {
            publish(toBatch(batch, committer));
        } finally {
            gate.leave();
        }
    }

    private void publish(SentBatch batch) throws InterruptedException {
        send(batch);
        SentBatch previous = inFlight;
        inFlight = null;
        if (batch.size() < pipelineFrom) {
            // A batch that is not full means Debezium has nothing more yet: no next batch to overlap with, so it is
            // acknowledged now, without the producer's linger.
            producer.flush();
            acknowledge(previous == null ? List.of(batch) : List.of(previous, batch), null);
        } else if (previous == null || !acknowledge(List.of(previous), batch)) {
            inFlight = batch;
        }
    }

    /** Before the polling thread parks at a closed gate: the offsets stored at stop then cover the batch in flight. */
    private void acknowledgeInFlight() throws InterruptedException {
        SentBatch previous = inFlight;
        inFlight = null;
        if (previous != null) {
            producer.flush();
            acknowledge(List.of(previous), null);
        }
    }

    private SentBatch toBatch(List<RecordChangeEvent<SourceRecord>> batch,
                              DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
        int warmUps = 0;
        for (RecordChangeEvent<SourceRecord> event : batch) {
            SourceRecord source = event.record();
            // Only what the EventRouter routed to the topic is an event. Debezium's heartbeat records pass the router
            // unchanged (no change-event envelope), and warm-up rows are no event: both are acknowledged, so that
            // their offset, which moves the slot, is stored, but never published.
            if (source.value() != null && topic.equals(source.topic())) {
                if (isWarmUp(source)) {
                    warmUps++;
                } else {
                    records.add(toProducerRecord(source));
                }
            }
        }
        return new SentBatch(batch, committer, records, warmUps);
    }

    /** Hands every record to the producer, stopping at the first it refuses; the rest count as failed. */
    private void send(SentBatch batch) {
        try {
            for (ProducerRecord<String, String> record : batch.records()) {
                batch.sent(producer.send(record, publishedCallback(record)));
            }
        } catch (KafkaException e) {
            status.failing(e);
        }
    }

    /**
     * Waits until Kafka acknowledged every record of {@code batches}, then acknowledges them to Debezium. After a
     * failure, everything from the failed record on is sent again in order, {@code next}'s records too, as they were
     * sent after it; answers whether {@code next} was acknowledged that way.
     */
    private boolean acknowledge(List<SentBatch> batches, SentBatch next) throws InterruptedException {
        int failedAt = -1;
        int offset = 0;
        for (SentBatch batch : batches) {
            int failed = batch.firstFailure(status);
            if (failed >= 0) {
                failedAt = offset + failed;
                break;
            }
            offset += batch.records().size();
        }
        if (failedAt >= 0) {
            List<ProducerRecord<String, String>> all = new ArrayList<>();
            batches.forEach(batch -> all.addAll(batch.records()));
            if (next != null) {
                all.addAll(next.records());
            }
            resend(all, failedAt);
        }
        for (SentBatch batch : batches) {
            batch.acknowledge(status);
        }
        if (failedAt >= 0 && next != null) {
            next.acknowledge(status);
            return true;
        }
        return false;
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

    /** Commit→publish is measured when Kafka acknowledges, on the producer's thread, also for a batch in flight. */
    private Callback publishedCallback(ProducerRecord<String, String> record) {
        var occurredAt = record.headers().lastHeader("occurredAt");
        String committedAt = occurredAt == null ? null : new String(occurredAt.value(), StandardCharsets.UTF_8);
        return (metadata, error) -> {
            if (error == null) {
                metrics.published(committedAt);
            }
        };
    }

    private void resend(List<ProducerRecord<String, String>> records, int from) throws InterruptedException {
        long backoffMs = 100;
        while (from < records.size()) {
            log.warn("Kafka did not accept event {} of {} in flight; resending from there in {} ms. Check that the"
                    + " brokers are reachable and the topic '{}' exists. Nothing is lost: the WAL keeps the events.",
                    from + 1, records.size(), backoffMs, topic);
            TimeUnit.MILLISECONDS.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            SentBatch retry = new SentBatch(List.of(), null, records.subList(from, records.size()), 0);
            send(retry);
            producer.flush();
            int failedAt = retry.firstFailure(status);
            if (failedAt < 0) {
                return;
            }
            from += failedAt;
        }
    }
}
