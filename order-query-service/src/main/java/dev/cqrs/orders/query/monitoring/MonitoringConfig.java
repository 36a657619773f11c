package dev.cqrs.orders.query.monitoring;

import java.util.List;

import dev.cqrs.orders.query.QueryProperties;
import dev.cqrs.orders.query.readmodel.ReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the lag monitor with an admin client of its own, configured like the one that creates the topics. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfig {

    @Bean
    ConsumerLagMonitor consumerLagMonitor(KafkaAdmin kafkaAdmin, List<ReadModel> readModels, QueryProperties properties,
                                          MeterRegistry registry) {
        return new ConsumerLagMonitor(Admin.create(kafkaAdmin.getConfigurationProperties()), readModels, properties,
                registry);
    }
}
