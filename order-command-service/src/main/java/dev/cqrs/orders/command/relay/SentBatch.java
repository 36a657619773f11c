package dev.cqrs.orders.command.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One batch from Debezium on its way to Kafka: the records it publishes, the sends' futures, and what to acknowledge to
 * Debezium once Kafka has acknowledged every record. Only Debezium's polling thread touches it.
 */
final class SentBatch {

    private final List<RecordChangeEvent<SourceRecord>> events;
    private final DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer;
    private final List<ProducerRecord<String, String>> records;
    private final int warmUps;
    private final List<Future<RecordMetadata>> futures;

    SentBatch(List<RecordChangeEvent<SourceRecord>> events,
              DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer,
              List<ProducerRecord<String, String>> records, int warmUps) {
        this.events = events;
        this.committer = committer;
        this.records = records;
        this.warmUps = warmUps;
        this.futures = new ArrayList<>(records.size());
    }

    List<ProducerRecord<String, String>> records() {
        return records;
    }

    int size() {
        return events.size();
    }

    void sent(Future<RecordMetadata> future) {
        futures.add(future);
    }

    /**
     * Waits for Kafka's answer to each record in order; answers the index of the first that failed or was never sent,
     * or -1 when Kafka acknowledged them all.
     */
    int firstFailure(RelayStatus status) throws InterruptedException {
        for (int i = 0; i < records.size(); i++) {
            if (i >= futures.size()) {
                return i;
            }
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                status.failing(e.getCause());
                return i;
            }
        }
        return -1;
    }

    /** Tells Debezium the batch is done, so its offset may be stored. Only after Kafka acknowledged every record. */
    void acknowledge(RelayStatus status) throws InterruptedException {
        for (RecordChangeEvent<SourceRecord> event : events) {
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
}
