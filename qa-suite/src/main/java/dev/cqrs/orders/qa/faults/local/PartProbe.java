package dev.cqrs.orders.qa.faults.local;

import java.nio.file.Path;
import java.util.function.Predicate;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.Readiness;
import dev.cqrs.orders.local.StackPorts;
import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.system.SystemProperties;

/**
 * Whether a part of a {@code ./run local} answers clients, probed as its launcher probes it (local-stack's
 * {@link Readiness}) on the ports it records in system.properties.
 */
public final class PartProbe implements Predicate<Part> {

    private final Path dataDir;

    public PartProbe(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public boolean test(Part part) {
        SystemProperties system = SystemProperties.read(dataDir);
        StackPorts ports = new StackPorts(port(system, Component.POSTGRES.id()), port(system, Component.KAFKA.id()),
                port(system, "kafka.controller"), port(system, Component.MONGO.id()), port(system, Component.COMMAND.id()),
                port(system, Component.QUERY.id()), port(system, Component.CONSOLE.id()));
        return Readiness.ready(part.component(), ports);
    }

    private static int port(SystemProperties system, String id) {
        return Integer.parseInt(system.required(id + ".port"));
    }
}
