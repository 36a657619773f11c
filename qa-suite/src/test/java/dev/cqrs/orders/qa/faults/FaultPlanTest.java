package dev.cqrs.orders.qa.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private static final Set<FaultKind> ALL = EnumSet.allOf(FaultKind.class);

    @Test
    void everyKindOccursInEveryRunWithAtLeastAsManyFaultsAsKindsAndTheKindsStayBalanced() {
        for (long seed = 0; seed < 200; seed++) {
            for (int faults = ALL.size(); faults <= 24; faults++) {
                List<FaultKind> plan = FaultPlan.plan(faults, ALL, new Random(seed));
                assertThat(plan).hasSize(faults);
                assertThat(EnumSet.copyOf(plan)).containsExactlyInAnyOrder(FaultKind.values());
                Map<FaultKind, Long> counts = plan.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                long least = counts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertThat(most - least).as("seed %d, %d faults: %s", seed, faults, plan).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aRewindDoesNotDirectlyFollowAQueryKill() {
        for (long seed = 0; seed < 500; seed++) {
            assertThat(FaultPlan.rewindRightAfterQueryKill(FaultPlan.plan(12, ALL, new Random(seed)))).as("seed %d", seed).isFalse();
        }
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        assertThat(FaultPlan.plan(12, ALL, new Random(42))).isEqualTo(FaultPlan.plan(12, ALL, new Random(42)));
    }

    @Test
    void onlyTheKindsTheDriverCanInjectArePlanned() {
        Set<FaultKind> services = EnumSet.of(FaultKind.KILL_COMMAND, FaultKind.KILL_QUERY, FaultKind.RESTART_KAFKA);
        assertThat(FaultPlan.plan(7, services, new Random(3))).hasSize(7).allMatch(services::contains)
                .containsAll(services);
        assertThat(FaultPlan.plan(10, Set.of(), new Random(3))).as("the none driver").isEmpty();
    }

    @Test
    void fewerFaultsThanKindsAreDistinct() {
        assertThat(FaultPlan.plan(0, ALL, new Random(1))).isEmpty();
        assertThat(FaultPlan.plan(4, ALL, new Random(1))).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void segmentsSplitTheOrdersAroundTheFaults() {
        assertThat(FaultInjector.boundary(150, 6, 0)).isZero();
        assertThat(FaultInjector.boundary(150, 6, 7)).isEqualTo(150);
        for (int j = 0; j < 7; j++) {
            assertThat(FaultInjector.boundary(150, 6, j + 1) - FaultInjector.boundary(150, 6, j)).isBetween(21, 22);
        }
        assertThat(FaultInjector.boundary(3, 6, 7)).isEqualTo(3);
    }
}
