package dev.cqrs.orders.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), with its logs in a
 * directory so that topics, records and consumer offsets survive a restart.
 */
public final class KafkaNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);

    private final KafkaRaftServer server;
    private final int port;

    private KafkaNode(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Formats the storage on first use, then starts the broker on {@code port} (the controller on {@code controllerPort}). */
    public static KafkaNode start(Path dataDir, int port, int controllerPort) throws IOException {
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(dataDir);
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logs.toString());
        props.setProperty("num.partitions", "3");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // The event topic is the source of truth for read-model rebuilds: keep records until told otherwise.
        props.setProperty("log.retention.ms", "-1");
        props.setProperty("auto.create.topics.enable", "false");
        store(props, dataDir.resolve("server.properties"));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            formatInto(logs, props, dataDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka (KRaft) is up at 127.0.0.1:{} (data in {})", port, dataDir);
        return new KafkaNode(server, port);
    }

    /**
     * Formats a new log directory beside the real one and renames it into place, so a first start that is killed
     * half-way never leaves a directory that looks formatted and is not.
     */
    private static void formatInto(Path logs, Properties props, Path dataDir) throws IOException {
        Path formatting = dataDir.resolve("logs.formatting");
        Orphans.deleteTree(formatting);
        Properties formatProps = new Properties();
        formatProps.putAll(props);
        formatProps.setProperty("log.dirs", formatting.toString());
        Path formatConfig = dataDir.resolve("format.properties");
        store(formatProps, formatConfig);
        format(formatConfig);
        Files.delete(formatConfig);
        Orphans.makeRoom(logs);
        Files.move(formatting, logs, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void store(Properties props, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "written by KafkaNode on every start");
        }
    }

    private static void format(Path config) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IOException("formatting Kafka storage failed (exit " + exit + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker in order: it flushes and closes its logs so the next start needs no recovery. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka on port {} stopped", port);
    }
}
