package dev.cqrs.orders.propertychecks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property-style checks on plain JUnit 5: every try draws its input from one seeded {@link Inputs}, and a failing try
 * names its seed, so that {@code -Dproperty.seed=<seed>} replays exactly the same inputs. A fresh seed each run
 * explores new inputs; there is no shrinking, so the failure shows the whole (abbreviated) input instead.
 */
public final class PropertyCheck {

    /** The system property that replays a reported seed instead of drawing a new one. */
    public static final String SEED_PROPERTY = "property.seed";

    private static final int SHOWN_CHARS = 300;

    private PropertyCheck() {
    }

    /** Runs {@code check} on {@code tries} inputs from {@code generator}, stopping at the first that fails. */
    public static <T> void forAll(int tries, Function<Inputs, T> generator, Consumer<T> check) {
        String replayed = System.getProperty(SEED_PROPERTY);
        forAll(replayed == null ? ThreadLocalRandom.current().nextLong() : Long.parseLong(replayed), tries, generator, check);
    }

    static <T> void forAll(long seed, int tries, Function<Inputs, T> generator, Consumer<T> check) {
        Inputs inputs = new Inputs(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            T input;
            try {
                input = generator.apply(inputs);
            } catch (RuntimeException failure) {
                throw new AssertionError(failed(attempt, tries, seed) + " while generating its input", failure);
            }
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(failed(attempt, tries, seed) + " on input " + shown(input), failure);
            }
        }
    }

    private static String failed(int attempt, int tries, long seed) {
        return "try %d of %d failed with seed %d (replay with -D%s=%d)".formatted(attempt, tries, seed, SEED_PROPERTY, seed);
    }

    static String shown(Object input) {
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), SHOWN_CHARS); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? "\\u%04x".formatted((int) c) : String.valueOf(c));
        }
        return text.length() <= SHOWN_CHARS ? out.toString() : out + "... (" + text.length() + " chars)";
    }
}
