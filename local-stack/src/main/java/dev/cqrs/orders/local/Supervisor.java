package dev.cqrs.orders.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Starts again a component that exits on its own (a crash, a kill -9, an OOM), as Kubernetes restarts a container:
 * at once the first time, then backing off while it keeps failing, and from scratch once it has stayed up a minute.
 */
final class Supervisor {

    static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** What the supervisor needs of the system; {@link LocalSystem} in production. */
    interface Target {
        boolean running(Component component);

        void start(Component component);
    }

    private final Target target;
    private final List<Component> components;
    private final LongSupplier nanoClock;
    private final PrintStream out;
    private final Map<Component, Integer> failuresInARow = new EnumMap<>(Component.class);
    private final Map<Component, Long> notBefore = new EnumMap<>(Component.class);
    private final Map<Component, Long> upSince = new EnumMap<>(Component.class);

    Supervisor(Target target, List<Component> components, LongSupplier nanoClock, PrintStream out) {
        this.target = target;
        this.components = List.copyOf(components);
        this.nanoClock = nanoClock;
        this.out = out;
        components.forEach(component -> upSince.put(component, nanoClock.getAsLong()));
    }

    /** The delay before the next attempt after {@code failures} failures in a row: 0, 2, 4, 8, 16, 30, 30 ... s. */
    static Duration delay(int failures) {
        if (failures <= 1) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(failures - 1, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
    }

    /** One look at every component, in start order, so a node is back before the services that need it. */
    void check(BooleanSupplier stopping) {
        for (Component component : components) {
            if (stopping.getAsBoolean()) {
                return;
            }
            long now = nanoClock.getAsLong();
            if (target.running(component)) {
                if (upSince.containsKey(component) && now - upSince.get(component) >= STABLE_AFTER.toNanos()) {
                    failuresInARow.remove(component);
                }
                continue;
            }
            if (!notBefore.containsKey(component)) {
                int failures = failuresInARow.merge(component, 1, Integer::sum);
                notBefore.put(component, now + delay(failures).toNanos());
                out.println(component.id() + " is no longer running (read its log); starting it again"
                        + (failures > 1 ? " in " + delay(failures).toSeconds() + " s (failure " + failures + " in a row)" : ""));
            }
            if (now - notBefore.get(component) >= 0) {
                notBefore.remove(component);
                try {
                    target.start(component);
                    upSince.put(component, nanoClock.getAsLong());
                    out.println(component.id() + " is running again");
                } catch (RuntimeException e) {
                    out.println("could not start " + component.id() + " again: " + e.getMessage());
                }
            }
        }
    }
}
