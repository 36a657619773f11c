package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Restarts as Kubernetes would: at once, then backing off while a component keeps failing, reset once it is stable. */
class SupervisorTest {

    private long now;
    private final Set<Component> up = EnumSet.of(Component.POSTGRES, Component.COMMAND);
    private final Set<Component> failing = EnumSet.noneOf(Component.class);
    private final List<Component> starts = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final Supervisor supervisor = new Supervisor(new Supervisor.Target() {
        @Override
        public boolean running(Component component) {
            return up.contains(component);
        }

        @Override
        public void start(Component component) {
            starts.add(component);
            if (failing.contains(component)) {
                throw new IllegalStateException(component.id() + " exited before it was ready");
            }
            up.add(component);
        }
    }, List.of(Component.POSTGRES, Component.COMMAND), () -> now, new PrintStream(out, true, StandardCharsets.UTF_8));

    private void advance(Duration duration) {
        now += duration.toNanos();
        supervisor.check(() -> false);
    }

    @Test
    void theDelaysGrowToHalfAMinute() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(Supervisor::delay).map(Duration::toSeconds))
                .containsExactly(0L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aComponentThatDiesIsStartedAgainAtOnceAndNodesBeforeServices() {
        up.clear();
        advance(Duration.ofMillis(500));

        assertThat(starts).containsExactly(Component.POSTGRES, Component.COMMAND);
        assertThat(up).contains(Component.POSTGRES, Component.COMMAND);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("postgres is no longer running", "postgres is running again");
    }

    @Test
    void aComponentThatKeepsFailingIsTriedLessAndLessOften() {
        up.remove(Component.COMMAND);
        failing.add(Component.COMMAND);
        advance(Duration.ZERO); // noticed: first attempt at once, fails
        assertThat(starts).hasSize(1);
        advance(Duration.ofMillis(500)); // second failure in a row noticed: next attempt in 2 s
        advance(Duration.ofSeconds(1));
        assertThat(starts).hasSize(1);
        advance(Duration.ofSeconds(1));
        assertThat(starts).hasSize(2);
        advance(Duration.ofMillis(500)); // third: 4 s
        advance(Duration.ofSeconds(3));
        assertThat(starts).hasSize(2);
        advance(Duration.ofSeconds(1));
        assertThat(starts).hasSize(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("in 4 s (failure 3 in a row)", "could not start command-service again");
    }

    @Test
    void aMinuteUpStartsTheCountAfresh() {
        up.remove(Component.COMMAND);
        failing.add(Component.COMMAND);
        advance(Duration.ZERO);
        advance(Duration.ofMillis(500));
        advance(Duration.ofSeconds(2));
        failing.clear();
        advance(Duration.ofMillis(500));
        advance(Duration.ofSeconds(4)); // third attempt succeeds
        assertThat(up).contains(Component.COMMAND);

        advance(Supervisor.STABLE_AFTER);
        up.remove(Component.COMMAND);
        int before = starts.size();
        advance(Duration.ZERO);

        assertThat(starts).hasSize(before + 1);
    }

    @Test
    void nothingStartsOnceTheLauncherIsStopping() {
        up.clear();
        supervisor.check(() -> true);
        assertThat(starts).isEmpty();
    }
}
