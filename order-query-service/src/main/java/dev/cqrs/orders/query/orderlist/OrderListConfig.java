package dev.cqrs.orders.query.orderlist;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the order list read model; its collection bean exists only once its indexes do. */
@Configuration(proxyBeanMethods = false)
class OrderListConfig {

    @Bean
    MongoCollection<Document> orderSummaries(MongoDatabase database) {
        MongoCollection<Document> summaries = database.getCollection(OrderSummaryFields.COLLECTION);
        OrderSummaryIndexes.ensure(summaries);
        return summaries;
    }

    @Bean
    VersionedStore orderSummaryStore(@Qualifier("orderSummaries") MongoCollection<Document> summaries) {
        return new MongoVersionedStore(summaries);
    }

    @Bean
    OrderSummaryProjection orderSummaryProjection(@Qualifier("orderSummaryStore") VersionedStore store) {
        return new OrderSummaryProjection(store);
    }

    @Bean
    ListOrdersHandler listOrdersHandler(@Qualifier("orderSummaries") MongoCollection<Document> summaries) {
        return new ListOrdersHandler(summaries);
    }
}
