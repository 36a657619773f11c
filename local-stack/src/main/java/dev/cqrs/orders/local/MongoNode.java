package dev.cqrs.orders.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

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
    /**
     * A connection's commands run on its event-loop thread, and a write holds that thread until its commit: with
     * Netty's default of two per core, reads waited behind other connections' commits. More threads than the
     * services' pools open connections keep a read from sharing its thread with a write.
     */
    private static final int WORKER_THREADS = 32;

    private final MongoServer server;
    private final int port;

    private MongoNode(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts with data in an H2 file under {@code dataDir}, or in memory when {@code dataDir} is null; a failure of the
     * file's store is logged.
     */
    public static MongoNode start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, failure -> log.error("The Mongo wire server's store failed", failure));
    }

    /** The same, with what to do when the file's store fails (it is closed then: nothing it serves works again). */
    public static MongoNode start(Path dataDir, int port, Consumer<Throwable> onStoreFailure) throws IOException {
        MongoServer server;
        if (dataDir == null) {
            server = new MongoServer(WireServerBackends.inMemory());
        } else {
            Files.createDirectories(dataDir);
            server = new MongoServer(WireServerBackends.inFile(dataDir.resolve("mongo.mv").toString(), onStoreFailure));
        }
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, WORKER_THREADS);
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
