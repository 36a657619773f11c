package dev.cqrs.orders.query.orderlist;

import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the order list read model. The read model bean exists only once the live generation's indexes do; projection
 * and handler resolve the live generation of {@code order_summaries} on every call.
 */
@Configuration(proxyBeanMethods = false)
class OrderListConfig {

    @Bean
    OrderListReadModel orderListReadModel(ReadModelAliases aliases) {
        OrderListReadModel readModel = new OrderListReadModel();
        readModel.ensureIndexes(aliases.live(readModel.name()));
        return readModel;
    }

    @Bean
    OrderListProjection orderListProjection(OrderListReadModel readModel, ReadModelAliases aliases) {
        return readModel.projectionInto(aliases.live(readModel.name()));
    }

    @Bean
    ListOrdersHandler listOrdersHandler(OrderListReadModel readModel, ReadModelAliases aliases) {
        return new ListOrdersHandler(() -> aliases.live(readModel.name()).get(OrderListFields.COLLECTION));
    }
}
