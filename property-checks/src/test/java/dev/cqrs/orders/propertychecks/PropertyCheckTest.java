package dev.cqrs.orders.propertychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PropertyCheckTest {

    @Test
    void aFailingTryNamesItsNumberSeedAndInputAndKeepsTheCause() {
        AssertionError cause = new AssertionError("expected 1 but was 2");
        List<Long> seen = new ArrayList<>();

        assertThatThrownBy(() -> PropertyCheck.forAll(42, 100, in -> in.longBetween(0, 1_000_000), value -> {
            seen.add(value);
            if (seen.size() == 7) {
                throw cause;
            }
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("try 7 of 100 failed with seed 42 (replay with -Dproperty.seed=42) on input " + seen.get(6))
                .hasCause(cause);
    }

    @Test
    void anExceptionIsAFailureToo() {
        assertThatThrownBy(() -> PropertyCheck.forAll(1, 10, in -> "x", value -> {
            throw new IllegalStateException("boom");
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("try 1 of 10 failed with seed 1")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGeneratorThatFailsIsReportedWithTheSeedToo() {
        assertThatThrownBy(() -> PropertyCheck.forAll(3, 10, in -> in.suchThat(i -> 1, v -> v > 1), value -> { }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("try 1 of 10 failed with seed 3 (replay with -Dproperty.seed=3) while generating its input")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPassingPropertyRunsEveryTry() {
        List<String> seen = new ArrayList<>();
        PropertyCheck.forAll(500, in -> in.anyString(0, 10), seen::add);
        assertThat(seen).hasSize(500);
    }

    @Test
    void theSameSeedReplaysTheSameInputsAndAnotherDoesNot() {
        assertThat(inputs(7)).isEqualTo(inputs(7)).isNotEqualTo(inputs(8));
    }

    @Test
    void theSeedPropertyReplaysAReportedSeed() {
        List<String> replayed = new ArrayList<>();
        System.setProperty(PropertyCheck.SEED_PROPERTY, "7");
        try {
            PropertyCheck.forAll(50, in -> in.anyString(0, 20), replayed::add);
        } finally {
            System.clearProperty(PropertyCheck.SEED_PROPERTY);
        }
        assertThat(replayed).isEqualTo(inputs(7));
    }

    @Test
    void aShownInputEscapesControlCharactersAndIsCutShort() {
        assertThat(PropertyCheck.shown("a\u0000b\n\"")).isEqualTo("a\\u0000b\\u000a\"");
        assertThat(PropertyCheck.shown("A".repeat(1000))).isEqualTo("A".repeat(300) + "... (1000 chars)");
    }

    private static List<String> inputs(long seed) {
        List<String> seen = new ArrayList<>();
        PropertyCheck.forAll(seed, 50, in -> in.anyString(0, 20), seen::add);
        return seen;
    }
}
