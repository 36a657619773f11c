package dev.cqrs.orders.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    @Test
    void everyKindOccursInEveryRunWithAtLeastSixFaultsAndTheKindsStayBalanced() {
        for (long seed = 0; seed < 200; seed++) {
            for (int faults = 6; faults <= 20; faults++) {
                List<FaultKind> plan = FaultSchedule.plan(faults, new Random(seed));
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
            assertThat(FaultSchedule.rewindRightAfterQueryKill(FaultSchedule.plan(12, new Random(seed)))).as("seed %d", seed).isFalse();
        }
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        assertThat(FaultSchedule.plan(12, new Random(42))).isEqualTo(FaultSchedule.plan(12, new Random(42)));
    }

    @Test
    void fewerFaultsThanKindsAreDistinct() {
        assertThat(FaultSchedule.plan(0, new Random(1))).isEmpty();
        assertThat(FaultSchedule.plan(4, new Random(1))).doesNotHaveDuplicates().hasSize(4);
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
