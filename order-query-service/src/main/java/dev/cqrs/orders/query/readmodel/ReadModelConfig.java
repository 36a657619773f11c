package dev.cqrs.orders.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.QueryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The MongoDB database holding all read models (Boot builds the client from {@code spring.mongodb.uri}) and the
 * aliases saying which generation of each is live. Scheduling drives the alias refresh, the lag poll and the
 * resumption of abandoned rebuilds.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReadModelConfig {

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, QueryProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    ReadModelAliases readModelAliases(MongoDatabase readModelDatabase) {
        return new ReadModelAliases(readModelDatabase);
    }
}
