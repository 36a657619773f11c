package dev.cqrs.orders.command.order;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cqrs.orders.events.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few collaborators that are plain objects rather than components. */
@Configuration(proxyBeanMethods = false)
class OrderConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Supplier<UUID> orderIds() {
        return UUID::randomUUID;
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
