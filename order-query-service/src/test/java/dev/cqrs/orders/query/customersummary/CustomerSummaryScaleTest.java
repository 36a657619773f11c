package dev.cqrs.orders.query.customersummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * No document of the customer summary grows with a customer's order count (MongoDB refuses documents over 16 MB), and
 * the {@link CustomerSummaryScale} benchmark keeps working. Its timings are printed, never asserted.
 */
class CustomerSummaryScaleTest {

    private static MongoNode mongo;
    private static MongoClient client;

    @BeforeAll
    static void startMongo() throws IOException {
        mongo = MongoNode.start(null, Ports.free());
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @Test
    void theLargestDocumentIsTheSameSizeAtOneThousandAndAtFiveThousandOrdersOfOneCustomer() {
        CustomerSummaryScale.Point thousand = CustomerSummaryScale.measure(client.getDatabase("scale_1000"), List.of(1000), 100).get(0);
        CustomerSummaryScale.Point fiveThousand = CustomerSummaryScale.measure(client.getDatabase("scale_5000"), List.of(5000), 100)
                .get(0);
        System.out.println("[customer-summary scale] " + thousand + "\n[customer-summary scale] " + fiveThousand);

        assertThat(fiveThousand.largestSummaryBytes()).isEqualTo(thousand.largestSummaryBytes());
        assertThat(fiveThousand.largestContributionBytes()).isEqualTo(thousand.largestContributionBytes());
        assertThat(fiveThousand.largestFactsBytes()).isEqualTo(thousand.largestFactsBytes());
        // The summary's list of move ids is full at both sizes, so this is its size for any number of orders.
        assertThat(thousand.largestSummarySideBytes()).isLessThan(32 * 1024);
    }

    /**
     * The benchmark at full size, only on request: {@code -Dscale.sizes=1000,200000 [-Dscale.sample=500]}.
     */
    @Test
    @EnabledIfSystemProperty(named = "scale.sizes", matches = ".+")
    void theBenchmarkAtTheRequestedSizes() {
        List<Integer> sizes = Arrays.stream(System.getProperty("scale.sizes").split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
        assertThat(CustomerSummaryScale.run(client, sizes, Integer.getInteger("scale.sample", 500))).hasSameSizeAs(sizes);
    }

    @Test
    void theBenchmarkRunsAtATinySize() {
        List<CustomerSummaryScale.Point> points = CustomerSummaryScale.run(client, List.of(100, 300), 20);

        assertThat(points).extracting(CustomerSummaryScale.Point::orders).containsExactly(100, 300);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.oneByOneMicros()).isPositive();
            assertThat(point.batchedMicros()).isPositive();
            assertThat(point.largestSummaryBytes()).isPositive();
        });
    }
}
