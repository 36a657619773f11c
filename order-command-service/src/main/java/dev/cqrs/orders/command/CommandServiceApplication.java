package dev.cqrs.orders.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The order command service: HTTP commands in, order rows and outbox rows out, relayed to Kafka by Debezium. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
