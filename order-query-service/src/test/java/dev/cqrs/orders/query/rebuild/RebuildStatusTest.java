package dev.cqrs.orders.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RebuildStatusTest {

    private static final Instant T = Instant.parse("2025-09-01T12:00:00Z");

    @Test
    void whileCopyingTheRemainderIsToTheEndSeenAtTheStartAndTheRateIsThisRunsPace() {
        // Resumed at 1,000 applied; 2,000 more in 4 s of this run: 500/s; 1,500 left to the start's end offsets.
        RebuildCheckpoint copying = checkpoint(RebuildState.COPYING, Map.of(0, 1_500L, 1, 1_500L),
                Map.of(0, 2_000L, 1, 2_500L), Map.of(0, 9_000L, 1, 9_000L), 3_000, 1_000, T.plusSeconds(4));

        RebuildStatus status = RebuildStatus.of(copying, List.of("order_views__rebuild_2"), T.plusSeconds(5));

        assertThat(status.eventsPerSecond()).isEqualTo(500.0);
        assertThat(status.remainingEvents()).isEqualTo(1_500);
        assertThat(status.etaSeconds()).isEqualTo(3);
        assertThat(status.running()).isTrue();
        assertThat(status.partitions()).containsExactly(new PartitionProgress(0, 1_500L, 2_000L, 9_000L),
                new PartitionProgress(1, 1_500L, 2_500L, 9_000L));
    }

    @Test
    void afterTheCopyTheRemainderIsToTheCurrentEnd() {
        RebuildCheckpoint catchingUp = checkpoint(RebuildState.CATCHING_UP, Map.of(0, 2_000L), Map.of(0, 2_000L),
                Map.of(0, 2_040L), 2_000, 0, T.plusSeconds(2));

        assertThat(RebuildStatus.of(catchingUp, List.of(), T).remainingEvents()).isEqualTo(40);
    }

    @Test
    void anAbandonedRebuildIsNotRunningAndAFinishedOneHasNothingLeft() {
        RebuildCheckpoint abandoned = checkpoint(RebuildState.COPYING, Map.of(), Map.of(), Map.of(), 0, 0, T);
        RebuildCheckpoint done = checkpoint(RebuildState.DONE, Map.of(0, 5L), Map.of(0, 5L), Map.of(0, 5L), 5, 0, T);

        assertThat(RebuildStatus.of(abandoned, List.of(), T.plusSeconds(60)).running()).isFalse();
        assertThat(RebuildStatus.of(abandoned, List.of(), T).eventsPerSecond()).isNull();
        assertThat(RebuildStatus.of(abandoned, List.of(), T).etaSeconds()).isNull();
        assertThat(RebuildStatus.of(done, List.of(), T).etaSeconds()).isZero();
        assertThat(RebuildStatus.of(done, List.of(), T).running()).isFalse();
    }

    private static RebuildCheckpoint checkpoint(RebuildState state, Map<Integer, Long> positions,
                                                Map<Integer, Long> targets, Map<Integer, Long> ends, long applied,
                                                long appliedAtRunStart, Instant updatedAt) {
        return new RebuildCheckpoint("order-view", 2, 1, state, positions, targets, ends, applied, 0, 2, T, T,
                appliedAtRunStart, updatedAt, null, null, "a", updatedAt.plusSeconds(30), null);
    }
}
