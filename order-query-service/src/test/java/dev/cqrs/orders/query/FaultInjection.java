package dev.cqrs.orders.query;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Lets a test make the order list's store fail for chosen orders, as a MongoDB outage would, while the order view's
 * store keeps working: the way to show that one read model's trouble does not hold up the other.
 */
@TestConfiguration(proxyBeanMethods = false)
class FaultInjection {

    private static final Map<String, AtomicInteger> FAILING = new ConcurrentHashMap<>();

    /** Writes of this order's summary fail until {@link #heal}. */
    static void breakSummaryWritesOf(String orderId) {
        FAILING.put(orderId, new AtomicInteger());
    }

    static void heal(String orderId) {
        FAILING.remove(orderId);
    }

    /** How many writes of this order's summary failed so far. */
    static int failedWritesOf(String orderId) {
        AtomicInteger count = FAILING.get(orderId);
        return count == null ? 0 : count.get();
    }

    @Bean
    static BeanPostProcessor failingSummaryStore() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return "orderSummaryStore".equals(beanName) ? new FailingStore((VersionedStore) bean) : bean;
            }
        };
    }

    private record FailingStore(VersionedStore delegate) implements VersionedStore {

        @Override
        public boolean insertIfAbsent(Document document) {
            failIfBroken((String) document.get(ID));
            return delegate.insertIfAbsent(document);
        }

        @Override
        public boolean updateIfAtVersion(String id, long expectedVersion, String eventId, Document fields) {
            failIfBroken(id);
            return delegate.updateIfAtVersion(id, expectedVersion, eventId, fields);
        }

        @Override
        public Optional<Document> find(String id) {
            return delegate.find(id);
        }

        private static void failIfBroken(String id) {
            AtomicInteger count = FAILING.get(id);
            if (count != null) {
                count.incrementAndGet();
                throw new MongoSocketReadException("injected outage: connection reset", new ServerAddress());
            }
        }
    }
}
