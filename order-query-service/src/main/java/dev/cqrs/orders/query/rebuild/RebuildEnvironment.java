package dev.cqrs.orders.query.rebuild;

import java.time.Clock;
import java.util.function.Supplier;

import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.intake.RecordIntake;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * What every rebuild job works with, shared by all of them.
 *
 * @param consumers a new consumer per run, not in any consumer group: a rebuild assigns partitions itself and keeps
 *                  its positions in its checkpoint, never in Kafka
 * @param intake    takes records exactly as the live listeners do, without their guards
 * @param owner     this replica's identity in checkpoints
 */
record RebuildEnvironment(
        RebuildCheckpoints checkpoints,
        ReadModelAliases aliases,
        MongoDatabase database,
        Supplier<Consumer<String, String>> consumers,
        RecordIntake intake,
        RebuildProperties properties,
        String topic,
        String owner,
        Clock clock) {
}
