package dev.cqrs.orders.local;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends this JVM (running its shutdown hooks) when the launcher that started it is gone, so no node is orphaned. */
final class ParentWatch {

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    private ParentWatch() {
    }

    static void exitWhenGone(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !Pids.alive(parentPid)) {
            log.warn("launcher (pid {}) is already gone; shutting down", parentPid);
            System.exit(0);
        }
        parent.get().onExit().thenRun(() -> {
            log.warn("launcher (pid {}) is gone; shutting down", parentPid);
            System.exit(0);
        });
    }
}
