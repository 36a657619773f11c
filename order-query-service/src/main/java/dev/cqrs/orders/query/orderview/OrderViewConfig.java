package dev.cqrs.orders.query.orderview;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the order view read model. Its only query is by {@code _id}, which MongoDB always indexes, so it needs no
 * index of its own.
 */
@Configuration(proxyBeanMethods = false)
class OrderViewConfig {

    @Bean
    MongoCollection<Document> orderViews(MongoDatabase database) {
        return database.getCollection(OrderViewFields.COLLECTION);
    }

    @Bean
    VersionedStore orderViewStore(@Qualifier("orderViews") MongoCollection<Document> views) {
        return new MongoVersionedStore(views);
    }

    @Bean
    OrderViewProjection orderViewProjection(@Qualifier("orderViewStore") VersionedStore store) {
        return new OrderViewProjection(store);
    }

    @Bean
    GetOrderHandler getOrderHandler(@Qualifier("orderViews") MongoCollection<Document> views) {
        return new GetOrderHandler(views);
    }
}
