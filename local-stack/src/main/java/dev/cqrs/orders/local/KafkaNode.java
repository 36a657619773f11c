package dev.cqrs.orders.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.createDirectories(logs);
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
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by KafkaNode on every start");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(config);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka (KRaft) is up at 127.0.0.1:{} (data in {})", port, dataDir);
        return new KafkaNode(server, port);
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
