package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The start-up warm-up against a real broker and the Mongo wire server: it projects every read model into scratch
 * collections, drops them, touches no live collection, and waits for the listeners to join before the service is ready.
 */
@ExtendWith({OutputCaptureExtension.class, LocalNodes.class})
@SpringBootTest(properties = {
        Operators.USERS_PROPERTY,
        "orders.query.warm-up.enabled=true",
        "orders.query.warm-up.orders=50",
        "orders.query.warm-up.rounds=2"})
@DirtiesContext
class ReadSideWarmUpIT {

    @Autowired
    MongoDatabase database;

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
    }

    @Test
    void projectsIntoScratchCollectionsItDropsAndWaitsForTheListeners(CapturedOutput output) {
        Matcher summary = Pattern.compile("warmed up in \\d+ ms \\((\\d+) events projected into scratch collections and read "
                + "back\\); listeners (joined their groups|not all joined yet)").matcher(output.getOut());
        assertThat(summary.find()).as(output.getOut()).isTrue();
        // 50 orders a round: 12 cancelled (2 events), 38 shipped (3 events); two rounds into three read models.
        assertThat(Integer.parseInt(summary.group(1))).isEqualTo(2 * (12 * 2 + 38 * 3) * 3);
        assertThat(summary.group(2)).isEqualTo("joined their groups");

        List<String> collections = database.listCollectionNames().into(new ArrayList<>());
        assertThat(collections).noneMatch(name -> name.startsWith("warmup_"));
        for (String name : collections) {
            assertThat(database.getCollection(name).countDocuments(Filters.regex("customerId", "^warm-up-")))
                    .as("warm-up orders in live collection %s", name).isZero();
        }
    }
}
