package dev.cqrs.orders.query.orderview;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the order view read model. Its only query is by {@code _id}, which MongoDB always indexes, so it needs no
 * index of its own. Store and handler resolve the live generation of {@code order_views} on every call.
 */
@Configuration(proxyBeanMethods = false)
class OrderViewConfig {

    @Bean
    OrderViewReadModel orderViewReadModel() {
        return new OrderViewReadModel();
    }

    @Bean
    VersionedStore orderViewStore(ReadModelAliases aliases) {
        return new MongoVersionedStore(() -> aliases.live(OrderViewProjection.READ_MODEL).get(OrderViewFields.COLLECTION));
    }

    @Bean
    OrderViewProjection orderViewProjection(@Qualifier("orderViewStore") VersionedStore store) {
        return new OrderViewProjection(store);
    }

    @Bean
    GetOrderHandler getOrderHandler(ReadModelAliases aliases) {
        return new GetOrderHandler(() -> aliases.live(OrderViewProjection.READ_MODEL).get(OrderViewFields.COLLECTION));
    }

    /** Its timer is its own, not a bean: a ScheduledExecutorService bean would become Spring's @Scheduled pool. */
    @Bean(destroyMethod = "close")
    OrderVersionWaiters orderVersionWaiters(GetOrderHandler handler, ReadYourWritesProperties properties,
                                            MeterRegistry registry) {
        return OrderVersionWaiters.create(handler, properties, registry);
    }
}
