package dev.cqrs.orders.query.orderview;

import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the order view read model. Its only query is by {@code _id}, which MongoDB always indexes, so it needs no
 * index of its own. Projection and handler resolve the live generation of {@code order_views} on every call.
 */
@Configuration(proxyBeanMethods = false)
class OrderViewConfig {

    @Bean
    OrderViewReadModel orderViewReadModel() {
        return new OrderViewReadModel();
    }

    @Bean
    OrderViewProjection orderViewProjection(OrderViewReadModel readModel, ReadModelAliases aliases) {
        return readModel.projectionInto(aliases.live(readModel.name()));
    }

    @Bean
    GetOrderHandler getOrderHandler(OrderViewReadModel readModel, ReadModelAliases aliases) {
        return new GetOrderHandler(() -> aliases.live(readModel.name()).get(OrderViewFields.COLLECTION));
    }

    /** Its timer is its own, not a bean: a ScheduledExecutorService bean would become Spring's @Scheduled pool. */
    @Bean(destroyMethod = "close")
    OrderVersionWaiters orderVersionWaiters(GetOrderHandler handler, ReadYourWritesProperties properties,
                                            MeterRegistry registry) {
        return OrderVersionWaiters.create(handler, properties, registry);
    }
}
