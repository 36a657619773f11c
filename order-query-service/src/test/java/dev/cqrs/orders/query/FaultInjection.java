package dev.cqrs.orders.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import dev.cqrs.orders.query.intake.ProjectionGuard;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Lets a test make the order list fail for chosen orders, as a MongoDB outage would, while the order view keeps
 * working: the way to show that one read model's trouble does not hold up the other.
 */
@TestConfiguration(proxyBeanMethods = false)
class FaultInjection {

    private static final Map<String, AtomicInteger> FAILING = new ConcurrentHashMap<>();

    /** Writes of this order into the order list fail until {@link #heal}. */
    static void breakListWritesOf(String orderId) {
        FAILING.put(orderId, new AtomicInteger());
    }

    static void heal(String orderId) {
        FAILING.remove(orderId);
    }

    /** How many writes of this order into the order list failed so far. */
    static int failedWritesOf(String orderId) {
        AtomicInteger count = FAILING.get(orderId);
        return count == null ? 0 : count.get();
    }

    @Bean
    ProjectionGuard failingOrderList() {
        return (readModel, envelope) -> {
            AtomicInteger count = "order-list".equals(readModel) ? FAILING.get(envelope.aggregateId().toString()) : null;
            if (count != null) {
                count.incrementAndGet();
                throw new MongoSocketReadException("injected outage: connection reset", new ServerAddress());
            }
        };
    }
}
