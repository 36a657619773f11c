package dev.cqrs.orders.local.wireserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire server's H2 file: documents in BSON survive restarts unchanged; a file of the stock format still works. */
class WireServerFileTest {

    /**
     * A kill -9 of the wire server keeps what it acknowledged: the file as it is right after the writes (copied while the
     * server still runs, as a crash leaves it) holds them. MVStore's own auto-commit runs only every second, which lost
     * the last acknowledged read-model writes in the QA suite's CRASH_MONGO fault.
     */
    @Test
    void whatItAcknowledgedIsInTheFileAtOnce(@TempDir Path dir) throws Exception {
        Path crashed = dir.resolve("crashed");
        java.nio.file.Files.createDirectories(crashed);
        try (MongoNode node = MongoNode.start(dir.resolve("live"), Ports.free());
             MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            views.insertOne(new Document("_id", "o-1").append("version", 1L));
            views.updateOne(Filters.eq("_id", "o-1"), Updates.set("version", 2L));
            views.insertMany(List.of(new Document("_id", "o-2"), new Document("_id", "o-3")));
            views.deleteOne(Filters.eq("_id", "o-3"));
            java.nio.file.Files.copy(dir.resolve("live/mongo.mv"), crashed.resolve("mongo.mv"));
        }
        try (MongoNode node = MongoNode.start(crashed, Ports.free()); MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            assertThat(views.find().into(new ArrayList<>())).containsExactly(new Document("_id", "o-1").append("version", 2L),
                    new Document("_id", "o-2"));
        }
    }

    /**
     * Writers on several connections at once, each write committed by its own thread (no background writer, whose
     * pipeline livelocked under load): every acknowledged write is in the file a crash leaves.
     */
    @Test
    void concurrentWritersCommitOnTheirOwnThreadsAndKeepEveryWrite(@TempDir Path dir) throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        MVStore opened = WireServerBackends.openStore(dir.resolve("probe.mv").toString(), failures::add);
        assertThat(opened.getAutoCommitDelay()).as("no background writer").isZero();
        opened.close();
        assertThat(failures).isEmpty();

        Path crashed = dir.resolve("crashed");
        java.nio.file.Files.createDirectories(crashed);
        try (MongoNode node = MongoNode.start(dir.resolve("live"), Ports.free());
             MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 250; i++) {
                        views.insertOne(new Document("_id", writer + "-" + i).append("version", 1L));
                        views.updateOne(Filters.eq("_id", writer + "-" + i), Updates.set("version", 2L));
                    }
                }, threads));
            }
            try {
                java.util.concurrent.CompletableFuture.allOf(writers.toArray(java.util.concurrent.CompletableFuture[]::new))
                        .get(120, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
            java.nio.file.Files.copy(dir.resolve("live/mongo.mv"), crashed.resolve("mongo.mv"));
        }
        try (MongoNode node = MongoNode.start(crashed, Ports.free()); MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            assertThat(views.countDocuments(Filters.eq("version", 2L))).isEqualTo(1_000);
        }
    }

    /** A store that fails is closed for good: its owner hears of it (the node then exits and is started again). */
    @Test
    void aFailureOfTheStoreReachesItsOwner(@TempDir Path dir) {
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        MVStore store = WireServerBackends.openStore(dir.resolve("failing.mv").toString(), failures::add);
        org.h2.mvstore.MVStoreException failure = org.h2.mvstore.DataUtils.newMVStoreException(
                org.h2.mvstore.DataUtils.ERROR_INTERNAL, "planted");
        assertThatThrownBy(() -> store.panic(failure)).isSameAs(failure);
        assertThat(failures).containsExactly(failure);
        store.closeImmediately();
    }

    @Test
    void documentsOfEveryBsonTypeSurviveARestartUnchanged(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        Document stored = everyType("o-1");
        List<Document> before;
        try (MongoNode node = MongoNode.start(dir, port); MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            views.insertOne(stored);
            views.insertOne(new Document("_id", "o-2").append("version", 1L));
            assertThat(views.updateOne(Filters.and(Filters.eq("_id", "o-2"), Filters.eq("version", 1L)),
                    Updates.combine(Updates.set("version", 2L), Updates.push("applied", "e-2"))).getModifiedCount())
                    .isEqualTo(1);
            before = views.find().into(new ArrayList<>());
        }
        assertThat(formatOf(dir)).isEqualTo(WireServerBackends.BSON);
        try (MongoNode node = MongoNode.start(dir, port); MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            assertThat(views.find().into(new ArrayList<>())).isEqualTo(before);
            assertThat(views.find(Filters.eq("_id", "o-1")).first()).isEqualTo(stored);
            assertThat(views.find(Filters.eq("_id", "o-2")).first()).containsEntry("version", 2L)
                    .containsEntry("applied", List.of("e-2"));
            // Unique indexes keep their keys across the restart (their own key type, BsonKeyType).
            MongoCollection<Document> ledger = client.getDatabase("db").getCollection("ledger");
            ledger.createIndex(new Document("sku", 1).append("n", 1), new IndexOptions().unique(true));
            ledger.insertOne(new Document("_id", 1).append("sku", "BOOK-1").append("n", 2));
            // What a rebuild's switch and clean-up do: rename and drop keep working on BSON collections.
            views.renameCollection(new MongoNamespace("db", "views_v2"));
            assertThat(client.getDatabase("db").getCollection("views_v2").countDocuments()).isEqualTo(2);
            client.getDatabase("db").getCollection("views_v2").drop();
            assertThat(client.getDatabase("db").listCollectionNames().into(new ArrayList<>())).doesNotContain("views_v2");
        }
        try (MongoNode node = MongoNode.start(dir, port); MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> ledger = client.getDatabase("db").getCollection("ledger");
            assertThatThrownBy(() -> ledger.insertOne(new Document("_id", 2).append("sku", "BOOK-1").append("n", 2.0)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            ledger.insertOne(new Document("_id", 3).append("sku", "BOOK-1").append("n", 3));
            assertThatThrownBy(() -> ledger.insertOne(new Document("_id", 1L).append("sku", "PEN")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(ledger.find(Filters.in("_id", 1, 3, 99)).into(new ArrayList<>())).hasSize(2);
            assertThat(ledger.find(Filters.and(Filters.eq("_id", 3), Filters.eq("n", 3))).first()).isNotNull();
        }
    }

    /** Index keys order as MongoDB orders values; equal keys of different number types compare equal. */
    @Test
    void indexKeysRoundTripAndOrderAsMongoDbDoes() {
        var keys = List.of(new KeyValue("a"), new KeyValue("b", 1.0), new KeyValue(Missing.getInstance()),
                new KeyValue(12.5), new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", 1)),
                new KeyValue(UUID.fromString("0b7e4d6c-7a8f-4e0c-9d3b-2f1a5c6e7d80")));
        WriteBuffer buffer = new WriteBuffer();
        keys.forEach(key -> BsonKeyType.INSTANCE.write(buffer, key));
        ByteBuffer written = buffer.getBuffer().flip();
        for (KeyValue key : keys) {
            KeyValue read = BsonKeyType.INSTANCE.read(written);
            assertThat(read).isEqualTo(key);
            assertThat(BsonKeyType.INSTANCE.compare(read, key)).isZero();
        }
        assertThat(written.hasRemaining()).isFalse();
        assertThat(BsonKeyType.INSTANCE.compare(new KeyValue("a"), new KeyValue("b"))).isNegative();
        assertThat(BsonKeyType.INSTANCE.compare(new KeyValue(2), new KeyValue(10.0))).isNegative();
        assertThat(BsonKeyType.INSTANCE.compare(new KeyValue(2), new KeyValue(2.0))).isZero();
        assertThat(BsonKeyType.INSTANCE.compare(new KeyValue(10), new KeyValue("10"))).isNegative();
        assertThat(BsonKeyType.INSTANCE.compare(new KeyValue("a"), new KeyValue("a", 1))).isNegative();
    }

    @Test
    void aFileOfTheStockFormatKeepsItsDocumentsAndItsFormat(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        MongoServer stock = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
        stock.bind(new InetSocketAddress("127.0.0.1", port));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("db").getCollection("views").insertOne(everyType("old"));
        } finally {
            stock.shutdown();
        }
        try (MongoNode node = MongoNode.start(dir, port); MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            assertThat(views.find(Filters.eq("_id", "old")).first()).isEqualTo(everyType("old"));
            views.insertOne(new Document("_id", "new").append("version", 1L));
        }
        assertThat(formatOf(dir)).isEqualTo(WireServerBackends.JAVA_SERIALIZATION);
        try (MongoNode node = MongoNode.start(dir, port); MongoClient client = MongoClients.create(node.connectionString())) {
            assertThat(client.getDatabase("db").getCollection("views").countDocuments()).isEqualTo(2);
        }
    }

    @Test
    void aNewFileUsesTheBsonTypesForDocumentsAndIndexKeys(@TempDir Path dir) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        var backend = (H2Backend) WireServerBackends.inFile(dir.resolve("m.mv").toString(), failures::add);
        try {
            backend.resolveDatabase("db").createCollectionOrThrowIfExists("views");
            MVStore store = backend.getMvStore();
            assertThat(store.openMap("databases.db.views").getValueType()).isSameAs(BsonDocumentType.INSTANCE);
            assertThat(store.openMap("db.views._index__id_").getKeyType()).isSameAs(BsonKeyType.INSTANCE);
        } finally {
            backend.close();
        }
        assertThat(failures).isEmpty();
    }

    /** H2 writes a page's values back to back: each read must stop exactly where its document ends. */
    @Test
    void valuesWrittenBackToBackReadBackOneByOne() {
        WriteBuffer buffer = new WriteBuffer();
        var first = new de.bwaldvogel.mongo.bson.Document("_id", "a").append("n", 1L).append("tags", List.of("x", "y"));
        var second = new de.bwaldvogel.mongo.bson.Document("_id", "b").append("nested",
                new de.bwaldvogel.mongo.bson.Document("total", 12.5));
        BsonDocumentType.INSTANCE.write(buffer, first);
        BsonDocumentType.INSTANCE.write(buffer, second);
        buffer.put((byte) 7);
        ByteBuffer written = buffer.getBuffer().flip();

        assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(first);
        assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(second);
        assertThat(written.get()).isEqualTo((byte) 7);
    }

    private static String formatOf(Path dir) {
        MVStore store = MVStore.open(dir.resolve("mongo.mv").toString());
        try {
            return store.<String, String>openMap(WireServerBackends.FORMAT_MAP).get(WireServerBackends.DOCUMENTS);
        } finally {
            store.close();
        }
    }

    private static Document everyType(String id) {
        return new Document("_id", id)
                .append("text", "Grüße")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 12.5)
                .append("decimal", Decimal128.parse("19.99"))
                .append("flag", true)
                .append("nothing", null)
                .append("date", Date.from(Instant.parse("2026-11-26T10:00:00Z")))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("bytes", new Binary(new byte[] {1, 2, 3}))
                .append("uuid", UUID.fromString("0b7e4d6c-7a8f-4e0c-9d3b-2f1a5c6e7d80").toString())
                .append("list", List.of(1L, "two", new Document("three", 3)))
                .append("nested", new Document("items", List.of(new Document("sku", "BOOK-1").append("qty", 2))));
    }
}
