package dev.cqrs.orders.qa.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import tools.jackson.databind.JsonNode;

/**
 * What the relay published for the run's orders, read back from the whole topic (part of the verdict, and the
 * evidence when an order is lost): duplicates are expected after crashes (at-least-once), two different events with one
 * version or a gap in an order's versions are not.
 */
public final class TopicAudit {

    /** One record of an order on the topic. */
    public record Event(int partition, long offset, long version, String type, String eventId, Instant timestamp) {

        @Override
        public String toString() {
            return "p" + partition + "@" + offset + " v" + version + " " + type + " " + eventId.substring(0, Math.min(8, eventId.length()))
                    + " " + timestamp;
        }
    }

    /**
     * @param records          records of the run's orders on the topic
     * @param redelivered      records whose event id had been published before (the relay replaying after a crash)
     * @param conflicting      order/version pairs with more than one distinct event id
     * @param gaps             orders whose versions on the topic are not 1..n without holes
     * @param behindLedger     orders with fewer versions on the topic than the ledger acknowledged
     * @param publishDelaysMillis for each event's first publication: its record's timestamp (set by the relay's
     *                         producer) minus the event's occurredAt (set by the command in its transaction)
     * @param publications     the same as (occurredAt in epoch ms, delay in ms) pairs
     */
    public record Result(long records, long redelivered, List<String> conflicting, List<String> gaps, List<String> behindLedger,
                  Map<String, List<Event>> eventsByOrder, List<Long> publishDelaysMillis,
                  List<long[]> publications) {

        public List<Event> eventsOf(String orderId) {
            return eventsByOrder.getOrDefault(orderId, List.of());
        }
    }

    private TopicAudit() {
    }

    public static Result read(String bootstrapServers, String topic, Map<String, OrderRecord> ledgerById) {
        Map<String, List<Event>> events = new HashMap<>();
        long records = 0;
        long redelivered = 0;
        Set<String> seenEventIds = new HashSet<>();
        List<Long> publishDelays = new ArrayList<>();
        List<long[]> publications = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !ledgerById.containsKey(record.key())) {
                        continue;
                    }
                    records++;
                    JsonNode value = OrdersHttp.JSON.readTree(record.value());
                    String eventId = value.path("eventId").asString();
                    if (!seenEventIds.add(eventId)) {
                        redelivered++;
                    } else {
                        try {
                            Instant occurred = Instant.parse(value.path("occurredAt").asString());
                            publishDelays.add(record.timestamp() - occurred.toEpochMilli());
                            publications.add(new long[] {occurred.toEpochMilli(), record.timestamp() - occurred.toEpochMilli()});
                        } catch (RuntimeException e) {
                            // no or unreadable occurredAt: no delay for this one
                        }
                    }
                    events.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(new Event(record.partition(), record.offset(),
                            value.path("aggregateVersion").asLong(), value.path("eventType").asString(), eventId,
                            Instant.ofEpochMilli(record.timestamp())));
                }
            }
        }
        List<String> conflicting = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        ledgerById.forEach((orderId, order) -> {
            Map<Long, Set<String>> idsByVersion = new TreeMap<>();
            for (Event event : events.getOrDefault(orderId, List.of())) {
                idsByVersion.computeIfAbsent(event.version(), version -> new HashSet<>()).add(event.eventId());
            }
            idsByVersion.forEach((version, ids) -> {
                if (ids.size() > 1) {
                    conflicting.add(orderId + " v" + version + ": " + ids.size() + " different events " + ids);
                }
            });
            long max = idsByVersion.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            if (idsByVersion.size() != max) {
                gaps.add(orderId + ": versions " + idsByVersion.keySet());
            }
            if (max < order.finalVersion()) {
                behind.add(orderId + ": topic has up to v" + max + ", the ledger acknowledged v" + order.finalVersion());
            }
        });
        return new Result(records, redelivered, conflicting, gaps, behind, events, publishDelays, publications);
    }
}
