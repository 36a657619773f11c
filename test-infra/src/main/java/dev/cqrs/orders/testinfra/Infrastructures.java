package dev.cqrs.orders.testinfra;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one switch between real containers and the local stack: with a Docker engine the integration tests run
 * against postgres, apache/kafka and mongo containers; without one, against the local stack (real PostgreSQL and
 * Kafka from Maven artifacts, and the Mongo wire server). {@code -Dtest.infra=containers|local} forces a side.
 */
public final class Infrastructures {

    static final String PROPERTY = "test.infra";
    private static final Logger log = LoggerFactory.getLogger(Infrastructures.class);
    private static Infrastructure shared;

    private Infrastructures() {
    }

    /** The infrastructure of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = choose(System.getProperty(PROPERTY, "auto"), Infrastructures::dockerAvailable,
                    ContainerInfrastructure::new, LocalInfrastructure::new);
            log.info("Integration tests run against the {} infrastructure", shared.kind());
            Infrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-infra-shutdown"));
        }
        return shared;
    }

    /**
     * A new infrastructure of the same kind, for a test class that needs servers of its own (a topic and read store
     * no other class has written to); the caller closes it.
     */
    public static Infrastructure fresh() {
        return choose(System.getProperty(PROPERTY, "auto"), Infrastructures::dockerAvailable,
                ContainerInfrastructure::new, LocalInfrastructure::new);
    }

    /** Picks containers when asked to, or when asked for "auto" and Docker answers; the local stack otherwise. */
    static Infrastructure choose(String setting, BooleanSupplier docker, Supplier<Infrastructure> containers,
                                 Supplier<Infrastructure> local) {
        switch (setting) {
            case "containers":
                return containers.get();
            case "local":
                return local.get();
            case "auto":
                if (docker.getAsBoolean()) {
                    return containers.get();
                }
                log.info("No Docker engine answered (Testcontainers' error above says so): the integration tests use the"
                        + " local stack instead; -D{}=containers forces containers", PROPERTY);
                return local.get();
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, containers or local, not '" + setting + "'");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
