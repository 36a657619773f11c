package dev.cqrs.orders.query.orderlist;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the order list read model. The read model bean exists only once the live generation's indexes do; store and
 * handler resolve the live generation of {@code order_summaries} on every call.
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
    VersionedStore orderSummaryStore(ReadModelAliases aliases, OrderListReadModel readModel) {
        return new MongoVersionedStore(() -> aliases.live(readModel.name()).get(OrderSummaryFields.COLLECTION));
    }

    @Bean
    OrderSummaryProjection orderSummaryProjection(@Qualifier("orderSummaryStore") VersionedStore store) {
        return new OrderSummaryProjection(store);
    }

    @Bean
    ListOrdersHandler listOrdersHandler(ReadModelAliases aliases, OrderListReadModel readModel) {
        return new ListOrdersHandler(() -> aliases.live(readModel.name()).get(OrderSummaryFields.COLLECTION));
    }
}
