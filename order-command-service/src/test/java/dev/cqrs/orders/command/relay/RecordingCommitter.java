package dev.cqrs.orders.command.relay;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.connect.source.SourceRecord;

/** Records what the publisher acknowledged to Debezium. */
final class RecordingCommitter implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {

    final List<RecordChangeEvent<SourceRecord>> marked = new CopyOnWriteArrayList<>();
    volatile int batchesFinished;
    volatile boolean interrupted;

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record) {
        marked.add(record);
    }

    @Override
    public void markBatchFinished() {
        batchesFinished++;
    }

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets sourceOffsets) {
        marked.add(record);
    }

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
        return null;
    }
}
