package dev.cqrs.orders.qa.system;


import java.nio.file.Path;

import dev.cqrs.orders.qa.audit.JdbcAccess;

/** A {@code ./run local} of another process tree, found through its data directory. */
public final class RunningLocalSystem {

    private RunningLocalSystem() {
    }

    public static Target target(Path dataDir) {
        SystemProperties system = SystemProperties.read(dataDir);
        long launcher = system.launcherPid();
        if (!ProcessHandle.of(launcher).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalArgumentException(dataDir.resolve(SystemProperties.FILE) + " names launcher pid " + launcher
                    + ", which is not running: start ./run local with DATA_DIR=" + dataDir);
        }
        return new Target("./run local with DATA_DIR=" + dataDir + " (launcher pid " + launcher + ")",
                system.required("command.url"), system.required("query.url"), system.adminAuth(),
                system.required("kafka.bootstrap"), new JdbcAccess(system.required("jdbc.url"), "postgres", ""), false,
                system.apiToken());
    }
}
