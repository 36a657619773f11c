package dev.cqrs.orders.qa.lag;

import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;


/** {@link ConsumerLag} read from Kafka with admin calls: exact, and cheap enough to poll every second. */
public final class KafkaLag implements ConsumerLag {

    private final KafkaGroups groups;
    private final String bootstrapServers;
    private final String topic;
    private final String groupPrefix;

    public KafkaLag(String bootstrapServers, String topic, String groupPrefix, Duration timeout) {
        this.groups = KafkaGroups.connect(bootstrapServers, timeout);
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.groupPrefix = groupPrefix;
    }

    @Override
    public SortedMap<String, Long> lagByGroup() {
        SortedMap<String, Long> lags = new TreeMap<>();
        for (String group : groups.groupsReading(topic)) {
            if (group.startsWith(groupPrefix)) {
                lags.put(group, groups.lag(group, topic).values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return lags;
    }

    @Override
    public String source() {
        return "Kafka at " + bootstrapServers + " (groups " + groupPrefix + "* reading " + topic + ")";
    }

    @Override
    public void close() {
        groups.close();
    }
}
