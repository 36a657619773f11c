package dev.cqrs.orders.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The query side: projects order events from Kafka into MongoDB read models and serves them over HTTP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderQueryApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderQueryApplication.class, args);
    }
}
