package dev.cqrs.orders.query.readmodel;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * MongoDB reachability for the readiness probe, by the {@code ping} command. Spring Boot's own indicator sends
 * {@code hello}, which the Mongo wire server of the local stack does not implement; {@code ping} works on both.
 */
@Component("mongoHealthIndicator")
class MongoPingHealth implements HealthIndicator {

    private final MongoClient client;

    MongoPingHealth(MongoClient client) {
        this.client = client;
    }

    @Override
    public Health health() {
        try {
            Document answer = client.getDatabase("admin").runCommand(new Document("ping", 1));
            return Health.up().withDetail("ping", answer.get("ok")).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
