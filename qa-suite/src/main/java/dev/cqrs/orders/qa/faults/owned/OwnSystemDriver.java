package dev.cqrs.orders.qa.faults.owned;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.faults.FaultDriver;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.faults.Processes;

/**
 * Faults in a system the suite started itself ({@link LocalSystem}): kill -9 and SIGTERM of its processes, and
 * starting them again, which is this driver's job (nobody else supervises them). Every fault kind.
 */
public final class OwnSystemDriver implements FaultDriver {

    /** How long the PostgreSQL node may take to notice that its postmaster died and exit. */
    private static final Duration NODE_EXIT = Duration.ofSeconds(10);

    private final LocalSystem system;

    public OwnSystemDriver(LocalSystem system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "local (a system of its own)";
    }

    @Override
    public Set<FaultKind> kinds() {
        return EnumSet.allOf(FaultKind.class);
    }

    @Override
    public String kill(Part part) {
        if (part == Part.POSTGRES) {
            OptionalLong postmaster = Processes.postmaster(system.dataDir().resolve(Component.POSTGRES.id()));
            if (postmaster.isPresent()) {
                Processes.kill(postmaster.getAsLong());
                return "kill -9 of the postmaster (pid " + postmaster.getAsLong() + ")";
            }
            // No pid file: it is not running; the recovery starts it.
            return "no postmaster running (no postmaster.pid)";
        }
        Component component = part.component();
        long pid = system.pid(component).orElse(-1L);
        system.kill(component);
        return "kill -9 of the " + part.label() + " (pid " + pid + ")";
    }

    @Override
    public String stop(Part part) {
        Component component = part.component();
        long pid = system.pid(component).orElse(-1L);
        system.stop(component);
        return "stopped the " + part.label() + " (pid " + pid + ", SIGTERM)";
    }

    @Override
    public String recover(Part part) {
        Component component = part.component();
        if (part == Part.POSTGRES && system.running(component)) {
            // The node wraps the postmaster: it exits when its server dies; if it does not, it is ended here.
            try {
                await().atMost(NODE_EXIT).pollInterval(Duration.ofMillis(100)).until(() -> !system.running(component));
            } catch (ConditionTimeoutException e) {
                system.kill(component);
            }
        }
        system.start(component);
        return "started again, ready (pid " + system.pid(component).orElse(-1L) + ")";
    }

    @Override
    public boolean holdsStoppedParts() {
        return true;
    }

    @Override
    public String ensureAllRunning() {
        // The ops console is no part under test: it is left as it is.
        List<Component> down = Arrays.stream(Part.values()).map(Part::component)
                .filter(component -> !system.running(component)).toList();
        if (down.isEmpty()) {
            return null;
        }
        system.startAll();
        return "started " + down.stream().map(Component::id).toList() + " again";
    }
}
