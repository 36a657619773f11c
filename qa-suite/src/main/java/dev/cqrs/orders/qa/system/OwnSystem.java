package dev.cqrs.orders.qa.system;

import java.nio.file.Path;

import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.local.StackPorts;
import dev.cqrs.orders.qa.audit.JdbcAccess;
import dev.cqrs.orders.qa.http.BearerToken;

/**
 * A system the suite starts for itself, as {@code ./run local} would, on free ports and in a data directory of its
 * own (so it runs beside anything else); the executable jars come from STACK_JAR, COMMAND_JAR, QUERY_JAR and
 * CONSOLE_JAR, or from the build's target directories.
 */
public final class OwnSystem {

    private OwnSystem() {
    }

    /** Starts every component, after deleting what an earlier run left in {@code dataDir}; close it when done. */
    public static LocalSystem start(Path dataDir) {
        LocalSystem system = LocalSystem.builder().ports(StackPorts.free()).dataDir(dataDir).build();
        system.deleteData();
        try {
            system.startAll();
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    /** The target that a started local system is. */
    public static Target target(LocalSystem system) {
        return new Target("a system of its own (data in " + system.dataDir() + ")", system.commandUrl(), system.queryUrl(),
                system.adminUser() + ":" + system.adminPassword(), system.kafkaBootstrapServers(),
                new JdbcAccess(system.jdbcUrl(), "postgres", ""), true,
                BearerToken.minted(system.apiTokens()::staff));
    }
}
