package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnpublishedWalAgeTest {

    private final UnpublishedWalAge age = new UnpublishedWalAge();

    @Test
    void isZeroWhileTheSlotConfirmedEverythingSampled() {
        age.sample(1_000, 1_000, 0);
        age.sample(2_000, 2_000, 5_000);
        assertThat(age.seconds(9_000)).isZero();
    }

    @Test
    void aSlotThatKeepsUpWithinASampleReadsAsOneSampleOldEvenIfTheLastEventIsLongAgo() {
        // Other tables write 1,000 bytes per 5 s; the heartbeat lets the slot confirm each sample by the next one.
        for (long t = 0, lsn = 1_000; t <= 600_000; t += 5_000, lsn += 1_000) {
            age.sample(lsn, lsn - 1_000, t);
        }
        assertThat(age.seconds(600_000)).isEqualTo(5.0);
    }

    @Test
    void growsFromTheLastConfirmedSampleWhileTheSlotStandsStill() {
        age.sample(1_000, 1_000, 0);
        for (long t = 5_000, lsn = 2_000; t <= 120_000; t += 5_000, lsn += 1_000) {
            age.sample(lsn, 1_000, t);
        }
        assertThat(age.seconds(125_000)).isEqualTo(125.0);

        age.sample(30_000, 10_000, 130_000);
        assertThat(age.seconds(130_000)).as("caught up to the sample taken at 45 s").isEqualTo(85.0);
    }

    @Test
    void keepsTheOldestPendingSampleWhenItThinsALongStall() {
        age.sample(1_000, 1_000, 0);
        for (long t = 1; t <= 10_000; t++) {
            age.sample(1_000 + t, 1_000, t * 1_000);
        }
        assertThat(age.seconds(10_000_000)).isEqualTo(10_000.0);
    }
}
