package dev.cqrs.orders.command.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the outbox relay (prefix {@code orders.relay}).
 *
 * @param enabled              whether this process runs the relay at all
 * @param slotName             the logical replication slot that keeps WAL until the relay has published it
 * @param publicationName      the publication of the outbox table (created by the Flyway migration)
 * @param topic                the Kafka topic every order event goes to
 * @param topicPartitions      partitions of that topic when the relay creates it
 * @param topicReplicationFactor replication factor when the relay creates it
 * @param bootstrapServers     the Kafka brokers
 * @param pollIntervalMs       how long Debezium waits to fill a batch; small values keep commit→publish delay low
 * @param maxBatchSize         how many events one batch holds at most
 * @param pipelined            whether a full batch (a backlog) stays in flight while Debezium prepares the next one;
 *                             false waits for Kafka's acknowledgement of every batch before the next
 * @param offsetFlushIntervalMs how often published positions are stored; bounds the replay after a crash
 * @param leaderPollIntervalMs  how often a standby replica tries to take over the relay; bounds the failover time
 * @param heartbeatIntervalMs   how often the relay writes a heartbeat row while the outbox is idle, so the slot releases
 *                              WAL of other tables; 0 turns the heartbeat off (the slot then retains WAL without bound)
 */
@ConfigurationProperties("orders.relay")
public record RelayProperties(
        boolean enabled,
        String slotName,
        String publicationName,
        String topic,
        int topicPartitions,
        short topicReplicationFactor,
        String bootstrapServers,
        long pollIntervalMs,
        int maxBatchSize,
        boolean pipelined,
        long offsetFlushIntervalMs,
        long leaderPollIntervalMs,
        long heartbeatIntervalMs) {
}
