package dev.cqrs.orders.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The operator console: one page over both services' admin APIs, in a process of its own. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpsConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpsConsoleApplication.class, args);
    }
}
