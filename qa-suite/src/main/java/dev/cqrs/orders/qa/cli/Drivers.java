package dev.cqrs.orders.qa.cli;

import java.nio.file.Path;
import java.time.Duration;

import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.faults.FaultDriver;
import dev.cqrs.orders.qa.faults.NoFaults;
import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.faults.kubernetes.KubernetesDriver;
import dev.cqrs.orders.qa.faults.kubernetes.KubernetesTarget;
import dev.cqrs.orders.qa.faults.kubernetes.ProcessKubectl;
import dev.cqrs.orders.qa.faults.local.LocalProcessDriver;
import dev.cqrs.orders.qa.faults.local.PartProbe;
import dev.cqrs.orders.qa.faults.owned.OwnSystemDriver;
import dev.cqrs.orders.qa.system.Target;

/** The fault driver the command line names, for the target it names (validated by {@link Targets#validate}). */
final class Drivers {

    private Drivers() {
    }

    /** {@code own}: the system the suite started, or null. */
    static FaultDriver create(Options options, Target target, LocalSystem own, long seed) {
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.value("--fault-timeout-seconds", "600")));
        return switch (options.value("--fault-driver", "none")) {
            case "local" -> own != null ? new OwnSystemDriver(own) : localProcesses(options, timeout);
            case "kubernetes" -> kubernetes(options, timeout, seed);
            default -> new NoFaults();
        };
    }

    private static FaultDriver localProcesses(Options options, Duration timeout) {
        Path dataDir = Path.of(options.value("--data-dir")).toAbsolutePath().normalize();
        return new LocalProcessDriver(dataDir, new PartProbe(dataDir), timeout, Duration.ofMillis(250));
    }

    private static FaultDriver kubernetes(Options options, Duration timeout, long seed) {
        KubernetesTarget target = KubernetesTarget.ofManifests(options.value("--namespace"))
                .with(Part.COMMAND, options.value("--command-selector"), null)
                .with(Part.QUERY, options.value("--query-selector"), null)
                .with(Part.POSTGRES, options.value("--postgres-selector"), null)
                .with(Part.KAFKA, options.value("--kafka-selector"), null)
                .with(Part.MONGO, options.value("--mongo-selector"), null)
                .withTiming(timeout, Duration.ofSeconds(2));
        return new KubernetesDriver(new ProcessKubectl(options.value("--kubectl", "kubectl"), options.value("--kube-context"),
                timeout.plusMinutes(1)), target, seed);
    }
}
