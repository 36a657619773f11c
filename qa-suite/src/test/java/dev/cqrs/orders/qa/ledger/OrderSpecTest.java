package dev.cqrs.orders.qa.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OrderSpecTest {

    private static final List<String> CUSTOMERS = List.of("c-0", "c-1", "c-2");

    @Test
    void theSameSeedAndIndexGiveTheSameOrderWhicheverClientPlacesIt() {
        assertThat(OrderSpec.generate(17, "run", CUSTOMERS, 99, 0.5)).isEqualTo(OrderSpec.generate(17, "run", CUSTOMERS, 99, 0.5));
        assertThat(OrderSpec.generate(17, "run", CUSTOMERS, 99, 0.5)).isNotEqualTo(OrderSpec.generate(18, "run", CUSTOMERS, 99, 0.5));
    }

    @Test
    void stepsFollowTheStateMachineExceptTheDeliberatelyInvalidOne() {
        int invalid = 0;
        java.util.Map<String, Integer> perCustomer = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> perLength = new java.util.HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            OrderSpec spec = OrderSpec.generate(i, "run", CUSTOMERS, 7, 0.2);
            OrderStatus status = OrderStatus.CREATED;
            int invalidHere = 0;
            for (OrderSpec.Step step : spec.steps()) {
                assertThat(step.transition().allowedFrom(status)).as("%s at %s", spec.steps(), status).isEqualTo(step.valid());
                if (step.valid()) {
                    status = step.transition().target();
                } else {
                    invalidHere++;
                }
            }
            assertThat(invalidHere).isLessThanOrEqualTo(1);
            invalid += invalidHere;
            assertThat(spec.totalCents()).isNotNegative();
            assertThat(spec.discountCents()).isNotNegative();
            assertThat(spec.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
            assertThat(spec.idempotencyKey()).matches("[!-~]{1,200}");
            assertThat(CUSTOMERS).contains(spec.customerId());
            perCustomer.merge(spec.customerId(), 1, Integer::sum);
            perLength.merge((int) spec.steps().stream().filter(OrderSpec.Step::valid).count(), 1, Integer::sum);
        }
        assertThat(invalid).isBetween(300, 500);
        assertThat(perCustomer.values()).as("orders spread over the customers").allMatch(count -> count > 550);
        assertThat(perLength).as("paths of 0, 1 and 2 transitions").containsOnlyKeys(0, 1, 2)
                .allSatisfy((length, count) -> assertThat(count).isGreaterThan(200));
    }

    @Test
    void totalIsTheSumOfTheLinesMinusTheDiscount() {
        OrderSpec spec = new OrderSpec(0, "k", "c", "EUR", List.of(new OrderSpec.Line("A", 2, 1250), new OrderSpec.Line("B", 1, 99)),
                100, List.of(), "r");
        assertThat(spec.totalCents()).isEqualTo(2 * 1250 + 99 - 100);
    }
}
