package dev.cqrs.orders.propertychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The generators stay in their bounds and reach their edge cases; a fixed seed keeps every check deterministic. */
class InputsTest {

    private static final int DRAWS = 2_000;

    private final Inputs inputs = new Inputs(20_260_101L);

    @Test
    void numbersStayInTheirBoundsAndReachTheEdges() {
        assertThat(draws(in -> in.longBetween(Long.MIN_VALUE, -1)))
                .allMatch(v -> v <= -1).contains(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, -2L);
        assertThat(draws(in -> in.longBetween((long) Integer.MAX_VALUE + 1, Long.MAX_VALUE)))
                .allMatch(v -> v > Integer.MAX_VALUE).contains((long) Integer.MAX_VALUE + 1, Long.MAX_VALUE);
        assertThat(draws(in -> in.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE)))
                .contains(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1);
        assertThat(draws(in -> in.intBetween(1_000_001, Integer.MAX_VALUE)))
                .allMatch(v -> v >= 1_000_001).contains(1_000_001, Integer.MAX_VALUE)
                .anyMatch(v -> v < 1_001_000).anyMatch(v -> v > 1_000_000_000);
        assertThat(draws(in -> in.intBetween(5, 5))).containsOnly(5);
    }

    @Test
    void fractionsReachZeroAndOne() {
        assertThat(draws(Inputs::fraction)).allMatch(f -> f >= 0 && f <= 1).contains(0.0, 1.0);
    }

    @Test
    void sizesReachBothBounds() {
        assertThat(draws(in -> in.size(65, 10_000))).allMatch(s -> s >= 65 && s <= 10_000).contains(65, 10_000)
                .anyMatch(s -> s > 5_000);
    }

    @Test
    void charactersAreTextAcrossTheWholePlane() {
        Set<Character> chars = draws(Inputs::anyChar);
        assertThat(chars).noneMatch(c -> Character.isSurrogate(c) || c >= 0xe000 && c <= 0xf8ff || c >= 0xfffe)
                .contains('\u0000', '"', '\\', '{', '}', '\ufffd')
                .anyMatch(c -> c > 0x3000);
    }

    @Test
    void stringsKeepTheirLengthAndHoldOnlyWholeCodePoints() {
        Set<String> strings = draws(in -> in.anyString(0, 300));
        assertThat(strings).allMatch(s -> s.length() <= 300).contains("")
                .anyMatch(s -> s.length() == 300)
                .anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint))
                .allMatch(s -> s.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff));
        assertThat(draws(in -> in.anyString(1, 60))).allMatch(s -> !s.isEmpty() && s.length() <= 60);
    }

    @Test
    void stringsOfAnAlphabetHoldOnlyIt() {
        assertThat(draws(in -> in.stringOf(Inputs.UPPER, 3, 3))).allMatch(s -> s.matches("[A-Z]{3}"));
        assertThat(draws(in -> in.stringOf(Inputs.ALPHA, 65, 5000))).allMatch(s -> s.matches("[A-Za-z]{65,5000}"));
    }

    @Test
    void everyGeneratorOfAChoiceIsUsed() {
        assertThat(draws(in -> in.fromOneOf(i -> "a", i -> "b", i -> "c"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(draws(in -> in.oneOf(List.of(1, 2, 3)))).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aFilterThatHardlyEverPassesFailsInsteadOfLooping() {
        int three = inputs.suchThat(in -> in.intBetween(0, 9), v -> v == 3);
        assertThat(three).isEqualTo(3);
        assertThatThrownBy(() -> inputs.suchThat(in -> in.intBetween(0, 9), v -> v > 9))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shufflingKeepsTheElements() {
        List<Integer> values = IntStream.range(0, 50).boxed().toList();
        assertThat(inputs.shuffled(values)).containsExactlyInAnyOrderElementsOf(values).isNotEqualTo(values);
    }

    private <T> Set<T> draws(Function<Inputs, T> generator) {
        Set<T> values = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            values.add(generator.apply(inputs));
        }
        return values;
    }
}
