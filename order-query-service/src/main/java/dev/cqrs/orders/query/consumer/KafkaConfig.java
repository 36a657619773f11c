package dev.cqrs.orders.query.consumer;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.query.QueryProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The topics this service reads and writes, and the codec of their records. KafkaAdmin creates missing topics at
 * start-up, so the query side also starts cleanly before the command side ever ran; existing topics stay as they are.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    NewTopic ordersTopic(QueryProperties properties) {
        // No replica count: the broker's default applies, 1 locally and whatever the cluster mandates elsewhere.
        return TopicBuilder.name(properties.topic())
                .partitions(properties.topicPartitions())
                // The topic is the source of truth for rebuilding read models, so it is never truncated by age.
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    @Bean
    NewTopic ordersDeadLetterTopic(QueryProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic())
                .partitions(properties.topicPartitions())
                .build();
    }

    /**
     * Each record's observation ({@link BatchProjector}) already times it as {@code spring.kafka.listener}. The batch
     * containers' own timers share that name with other tags, and Prometheus keeps whichever registers first, so each
     * start exported one family or the other.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> oneListenerTimer() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    /** The shared-events wire format; thread-safe, so one instance serves every listener thread. */
    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
