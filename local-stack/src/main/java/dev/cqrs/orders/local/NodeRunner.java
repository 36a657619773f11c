package dev.cqrs.orders.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one infrastructure node in the foreground of this JVM until SIGTERM / Ctrl-C, then closes it cleanly. A
 * launcher that dies without stopping it leaves that to its {@link Guardian}.
 */
final class NodeRunner {

    private static final Logger log = LoggerFactory.getLogger(NodeRunner.class);

    private NodeRunner() {
    }

    /** Starts the node, blocks forever; returns (with exit code 1) only if the start failed. */
    static int run(Component component, Env env) throws InterruptedException {
        if (!component.infrastructure()) {
            throw new IllegalArgumentException(component + " is a service, not a node");
        }
        StackPorts ports = StackPorts.fromEnv(env);
        Path dataDir = env.dataDir().resolve(component.id());
        AutoCloseable node;
        long started = System.nanoTime();
        try {
            node = start(component, dataDir, ports);
        } catch (Exception e) {
            log.error("{} failed to start (data in {}): {}", component.id(), dataDir, e.toString(), e);
            return 1;
        }
        log.info("{} ready in {} ms (pid {})", component.id(), (System.nanoTime() - started) / 1_000_000, ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(component, node), "stop-" + component.id()));
        new CountDownLatch(1).await();
        return 0;
    }

    private static AutoCloseable start(Component component, Path dataDir, StackPorts ports) throws Exception {
        return switch (component) {
            case POSTGRES -> {
                PostgresNode postgres = PostgresNode.start(dataDir, ports.postgres());
                // The node stands for its server: when the postmaster dies (a crash, a kill -9), so does the node, and
                // whoever supervises it sees the failure and starts it again.
                postgres.onUnexpectedExit(code -> {
                    log.error("the PostgreSQL server (pid {}) exited with code {}; stopping this node", postgres.pid(), code);
                    System.exit(1);
                });
                yield postgres;
            }
            case KAFKA -> KafkaNode.start(dataDir, ports.kafka(), ports.kafkaController());
            // A failed store serves nothing again and cannot even close, so the node halts (no shutdown hooks) and is
            // started again from its file, which holds every write it acknowledged.
            case MONGO -> MongoNode.start(dataDir, ports.mongo(), failure -> {
                log.error("the Mongo wire server's store failed; stopping this node", failure);
                Runtime.getRuntime().halt(1);
            });
            default -> throw new IllegalArgumentException(component.toString());
        };
    }

    private static void close(Component component, AutoCloseable node) {
        log.info("stopping {}", component.id());
        try {
            node.close();
        } catch (Exception e) {
            log.error("{} did not stop cleanly: {}", component.id(), e.toString(), e);
        }
    }
}
