package dev.cqrs.orders.propertychecks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Generated test inputs from one seeded {@link Random}. Numbers and sizes hit their edge cases (the bounds, their
 * neighbours, zero) one time in eight and otherwise lean towards the bound nearest zero, where bugs cluster.
 */
public final class Inputs {

    public static final String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static final int EDGE_ONE_IN = 8;
    private static final List<Character> EDGE_CHARS = List.of('\u0000', ' ', '"', '\\', '{', '}', '\u007f', 'é', '\ufffd');
    private static final int FILTER_ATTEMPTS = 10_000;

    private final Random random;

    Inputs(long seed) {
        this.random = new Random(seed);
    }

    /** A value between {@code min} and {@code max}, both inclusive. */
    public long longBetween(long min, long max) {
        if (min == max) {
            return min;
        }
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return oneOf(List.copyOf(edges(min, max)));
        }
        if (random.nextBoolean()) {
            long step = random.nextLong(1L << random.nextInt(63));
            long nearest = min > 0 ? min : Math.min(max, 0);
            long candidate = nearest == min ? min + step : nearest == max ? max - step : random.nextBoolean() ? step : -step;
            boolean overflowed = nearest == min ? candidate < min : nearest == max && candidate > max;
            if (!overflowed && candidate >= min && candidate <= max) {
                return candidate;
            }
        }
        return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
    }

    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** A fraction in [0, 1], with 0 and 1 themselves among the edge cases. */
    public double fraction() {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return oneOf(0.0, 1.0, 0.5, Double.MIN_VALUE, Math.nextDown(1.0));
        }
        return random.nextDouble();
    }

    /** A size (of a string or list) between the bounds, often small, sometimes exactly a bound. */
    public int size(int min, int max) {
        int pick = random.nextInt(EDGE_ONE_IN);
        if (pick == 0 || pick == 1) {
            return pick == 0 ? min : max;
        }
        int upper = pick < 5 ? Math.min(max, min + 16) : max;
        return min + random.nextInt(upper - min + 1);
    }

    /**
     * Any character of the Basic Multilingual Plane that text can hold: not a surrogate, noncharacter or private-use
     * one. Half of them are ASCII (controls included), where JSON's structure lives.
     */
    public char anyChar() {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return oneOf(EDGE_CHARS);
        }
        if (random.nextBoolean()) {
            return (char) random.nextInt(0x80);
        }
        return (char) suchThat(in -> random.nextInt(0x10000), Inputs::isText).intValue();
    }

    /** Unicode text of {@code minLength} to {@code maxLength} UTF-16 chars, now and then with a supplementary code point. */
    public String anyString(int minLength, int maxLength) {
        int length = size(minLength, maxLength);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            if (length - out.length() >= 2 && random.nextInt(16) == 0) {
                out.appendCodePoint(0x10000 + random.nextInt(0x30000));
            } else {
                out.append(anyChar());
            }
        }
        return out.toString();
    }

    public String stringOf(String alphabet, int minLength, int maxLength) {
        int length = size(minLength, maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return oneOf(List.of(values));
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The input of one of the generators, each as likely as the others. */
    @SafeVarargs
    public final <T> T fromOneOf(Function<Inputs, T>... generators) {
        return oneOf(generators).apply(this);
    }

    /** The first generated value that {@code keep} accepts; fails loudly rather than loop when hardly any does. */
    public <T> T suchThat(Function<Inputs, T> generator, Predicate<T> keep) {
        for (int i = 0; i < FILTER_ATTEMPTS; i++) {
            T value = generator.apply(this);
            if (keep.test(value)) {
                return value;
            }
        }
        throw new IllegalStateException("no generated value passed the filter in " + FILTER_ATTEMPTS + " attempts");
    }

    public <T> List<T> shuffled(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static Set<Long> edges(long min, long max) {
        Set<Long> edges = new LinkedHashSet<>(List.of(min, min + 1, max - 1, max));
        for (long small = -1; small <= 1; small++) {
            if (small >= min && small <= max) {
                edges.add(small);
            }
        }
        return edges;
    }

    private static boolean isText(int c) {
        boolean surrogate = c >= 0xd800 && c <= 0xdfff;
        boolean privateUse = c >= 0xe000 && c <= 0xf8ff;
        boolean nonCharacter = c >= 0xfdd0 && c <= 0xfdef || c >= 0xfffe;
        return !surrogate && !privateUse && !nonCharacter;
    }
}
