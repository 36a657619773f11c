package dev.cqrs.orders.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import dev.cqrs.orders.local.wireserver.WireServerBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server), reached through the real MongoDB driver. Real
 * mongod cannot be installed on this machine; compose and Kubernetes use real MongoDB. Queries that pin {@code _id}
 * use the _id index as in MongoDB; the storage underneath is the package {@code wireserver}.
 */
public final class MongoNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoNode.class);

    private final MongoServer server;
    private final int port;

    private MongoNode(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts with data in an H2 file under {@code dataDir}, or in memory when {@code dataDir} is null. */
    public static MongoNode start(Path dataDir, int port) throws IOException {
        MongoServer server;
        if (dataDir == null) {
            server = new MongoServer(WireServerBackends.inMemory());
        } else {
            Files.createDirectories(dataDir);
            server = new MongoServer(WireServerBackends.inFile(dataDir.resolve("mongo.mv").toString()));
        }
        server.bind(new InetSocketAddress("127.0.0.1", port));
        log.info("Mongo wire server is up at 127.0.0.1:{} ({})", port, dataDir == null ? "in memory" : "data in " + dataDir);
        return new MongoNode(server, port);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        log.info("Mongo wire server on port {} stopped", port);
    }
}
