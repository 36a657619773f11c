package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
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
 * Then, on a real port with token checks on, it reads from itself with its warm-up token, which the chain must accept.
 */
@ExtendWith({OutputCaptureExtension.class, LocalNodes.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        Operators.USERS_PROPERTY,
        "orders.api.auth.enabled=true",
        "orders.query.warm-up.enabled=true",
        "orders.query.warm-up.orders=50",
        "orders.query.warm-up.rounds=2",
        "orders.query.warm-up.http-requests=40",
        "orders.query.warm-up.http-connections=2"})
@DirtiesContext
class ReadSideWarmUpIT {

    private static final String PUBLIC_KEY = publicKeyFile();

    @Autowired
    MongoDatabase database;

    @DynamicPropertySource
    static void connectToNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", LocalNodes::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", LocalNodes::mongoUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY);
    }

    /** An issuer's public key that no test token is signed with: only the warm-up's own token can pass. */
    static String publicKeyFile() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Path file = Files.createTempFile("warm-up-issuer", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file.toUri().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void projectsIntoScratchCollectionsItDropsWaitsForTheListenersThenReadsFromItself(CapturedOutput output) {
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

        Matcher http = Pattern.compile("warmed up the HTTP path in \\d+ ms: (\\d+) requests to \\S+ with a warm-up token, "
                + "answered \\{([^}]*)}").matcher(output.getOut());
        assertThat(http.find()).as(output.getOut()).isTrue();
        assertThat(http.start()).as("the HTTP warm-up runs after the projections'").isGreaterThan(summary.start());
        assertThat(Integer.parseInt(http.group(1))).isEqualTo(40);
        // Every read passed the token check: orders and summaries of nobody are 404, the empty list page is 200.
        assertThat(http.group(2)).isEqualTo("200=5, 404=35");
    }
}
