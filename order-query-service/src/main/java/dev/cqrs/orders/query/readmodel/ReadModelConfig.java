package dev.cqrs.orders.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.QueryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MongoDB database holding all read models; Boot builds the client from {@code spring.mongodb.uri}. */
@Configuration(proxyBeanMethods = false)
class ReadModelConfig {

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, QueryProperties properties) {
        return client.getDatabase(properties.database());
    }
}
