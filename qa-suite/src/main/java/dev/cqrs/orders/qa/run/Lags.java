package dev.cqrs.orders.qa.run;

import java.time.Duration;

import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.lag.AdminApiLag;
import dev.cqrs.orders.qa.lag.ConsumerLag;
import dev.cqrs.orders.qa.lag.KafkaLag;
import dev.cqrs.orders.qa.system.Target;

/** Where the consumer lag comes from: Kafka when the suite reaches it, else the query service's admin API. */
final class Lags {

    private Lags() {
    }

    static ConsumerLag open(Target target, SuiteConfig config, OrdersHttp http, Duration timeout) {
        if (target.kafka().isPresent()) {
            return new KafkaLag(target.kafka().get(), config.topic(), config.consumerGroupPrefix(), timeout);
        }
        return new AdminApiLag(http, target.adminAuthorization().orElseThrow(() -> new IllegalArgumentException(
                "the lag check needs Kafka (--kafka-bootstrap) or the admin credential (--admin-auth)")));
    }
}
