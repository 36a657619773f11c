package dev.cqrs.orders.console.upstream;

import dev.cqrs.orders.console.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two services the console reads and acts on; it is never called by them. */
@Configuration(proxyBeanMethods = false)
class ServicesConfig {

    @Bean
    Services services(ConsoleProperties properties) {
        return new Services(
                new ServiceClient("order-command-service", properties.commandServiceUrl(), properties.timeout()),
                new ServiceClient("order-query-service", properties.queryServiceUrl(), properties.timeout()));
    }
}
