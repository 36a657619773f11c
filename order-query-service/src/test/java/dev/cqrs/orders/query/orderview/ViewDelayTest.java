package dev.cqrs.orders.query.orderview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Behind only on a recent measure: an idle listener says nothing about the next event. */
class ViewDelayTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration WAIT = Duration.ofMillis(4500);

    private Instant now = T0;
    private final ViewDelay delay = new ViewDelay(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void nothingAppliedYetIsNotBehind() {
        assertThat(delay.behindBy(WAIT)).isFalse();
    }

    @Test
    void aRecentEventOlderThanTheWaitIsBehind() {
        delay.applied(T0.minusSeconds(6));
        now = T0.plus(ViewDelay.FRESH_FOR);

        assertThat(delay.behindBy(WAIT)).isTrue();
        assertThat(delay.behindBy(Duration.ofSeconds(7))).isFalse();
    }

    @Test
    void aRecentEventWithinTheWaitIsNotBehind() {
        delay.applied(T0.minusSeconds(4));

        assertThat(delay.behindBy(WAIT)).isFalse();
    }

    @Test
    void anOldMeasureSaysNothing() {
        delay.applied(T0.minusSeconds(6));
        now = T0.plus(ViewDelay.FRESH_FOR).plusMillis(1);

        assertThat(delay.behindBy(WAIT)).isFalse();
    }
}
