package dev.cqrs.orders.query.customersummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import dev.cqrs.orders.query.readmodel.MongoWireServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No document of the customer summary grows with a customer's order count (MongoDB refuses documents over 16 MB), and
 * the {@link CustomerSummaryScale} benchmark keeps working. Its timings are printed, never asserted.
 */
class CustomerSummaryScaleTest {

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    @Test
    void theLargestDocumentIsTheSameSizeAtOneThousandAndAtFiveThousandOrdersOfOneCustomer() {
        CustomerSummaryScale.Point thousand = CustomerSummaryScale.measure(mongo.freshDatabase("scale"), List.of(1000), 100).get(0);
        CustomerSummaryScale.Point fiveThousand = CustomerSummaryScale.measure(mongo.freshDatabase("scale"), List.of(5000), 100)
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
        assertThat(CustomerSummaryScale.run(mongo.client(), sizes, Integer.getInteger("scale.sample", 500))).hasSameSizeAs(sizes);
    }

    @Test
    void theBenchmarkRunsAtATinySize() {
        List<CustomerSummaryScale.Point> points = CustomerSummaryScale.run(mongo.client(), List.of(100, 300), 20);

        assertThat(points).extracting(CustomerSummaryScale.Point::orders).containsExactly(100, 300);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.oneByOneMicros()).isPositive();
            assertThat(point.batchedMicros()).isPositive();
            assertThat(point.largestSummaryBytes()).isPositive();
        });
    }
}
