package dev.cqrs.orders.local.wireserver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire server's backends (in memory, or an H2 file), with {@link IdLookupIndex} on every collection's _id. A new
 * H2 file stores documents as BSON ({@link BsonDocumentType}) and orders index keys as MongoDB does
 * ({@link BsonKeyType}); a file written before that keeps the stock format. The package's only entry, for
 * {@code MongoNode} alone (LocalStackArchitectureTest).
 */
public final class WireServerBackends {

    private static final Logger log = LoggerFactory.getLogger(WireServerBackends.class);

    /** Our own map in the H2 file, beside the backend's: says how the file's documents are encoded. */
    static final String FORMAT_MAP = "orders.wire-server";
    static final String DOCUMENTS = "documents";
    static final String BSON = "bson";
    static final String JAVA_SERIALIZATION = "java-serialization";

    /** The backend's own map names (H2Database's prefixes): ours must be the same to be found, dropped and renamed. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    /** Commands that change data: the file is committed before they are acknowledged. */
    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "findandmodify", "create",
            "createIndexes", "drop", "dropIndexes", "dropDatabase", "renameCollection");

    private WireServerBackends() {
    }

    public static MongoBackend inMemory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String name) {
                return new MemoryDatabase(name, getCursorRegistry()) {
                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(String collection, String index,
                                                                     List<IndexKey> keys, boolean sparse) {
                        return IdLookupIndex.wrap(super.openOrCreateUniqueIndex(collection, index, keys, sparse));
                    }
                };
            }
        };
    }

    /**
     * The backend on an H2 file. {@code onFailure} gets the store's failure: after it the store is closed and every
     * later command would fail or hang, so a process serving it should exit and be started again from the file.
     */
    public static MongoBackend inFile(String file, Consumer<Throwable> onFailure) {
        MVStore store = openStore(file, onFailure);
        boolean bson = BSON.equals(documentFormat(store));
        if (!bson) {
            log.warn("The Mongo wire server's file {} stores documents with Java serialization (written before BSON "
                    + "was used): it keeps working, but costs the wire server about twice the CPU. `./run clean` "
                    + "starts afresh with the faster format (it deletes all local data).", file);
        }
        return new H2Backend(store) {
            /** Writes share it; a commit holds it alone, so no map changes while a chunk is written (see openStore). */
            private final ReadWriteLock writes = new ReentrantReadWriteLock();

            /**
             * Commits the file before a write is acknowledged, so a kill -9 of the server keeps what it acknowledged
             * (as a journaled write of MongoDB does); MVStore's own auto-commit lost acknowledged writes in the QA
             * suite's CRASH_MONGO. One commit covers every write made before it (a group commit): a writer whose
             * version another commit already wrote has nothing left to do.
             */
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                if (!WRITES.contains(command)) {
                    return super.handleCommand(channel, database, command, query);
                }
                Document answer;
                long version;
                writes.readLock().lock();
                try {
                    answer = super.handleCommand(channel, database, command, query);
                    version = getMvStore().getCurrentVersion();
                } finally {
                    writes.readLock().unlock();
                }
                writes.writeLock().lock();
                try {
                    if (getMvStore().getCurrentVersion() <= version) {
                        commit();
                    }
                } finally {
                    writes.writeLock().unlock();
                }
                return answer;
            }

            @Override
            protected MongoDatabase openOrCreateDatabase(String name) {
                return new H2Database(name, getMvStore(), getCursorRegistry()) {
                    @Override
                    protected Index<Object> openOrCreateUniqueIndex(String collection, String index,
                                                                    List<IndexKey> keys, boolean sparse) {
                        if (bson) {
                            // Opened first with our key type, the backend's own openMap(name) then gets this map.
                            getMvStore().openMap(getFullCollectionNamespace(collection) + INDEX_INFIX + index,
                                    new MVMap.Builder<KeyValue, Object>().keyType(BsonKeyType.INSTANCE));
                        }
                        return IdLookupIndex.wrap(super.openOrCreateUniqueIndex(collection, index, keys, sparse));
                    }

                    @Override
                    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
                        if (!bson) {
                            return super.openOrCreateCollection(collection, options);
                        }
                        String namespace = getFullCollectionNamespace(collection);
                        MVMap<Object, Document> data = getMvStore().openMap(DATA_PREFIX + namespace,
                                new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
                        MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + namespace);
                        return new H2Collection(this, collection, options, data, meta, getCursorRegistry());
                    }
                };
            }
        };
    }

    /**
     * The file without MVStore's background writer: each commit writes its chunk on the committing thread, and no map
     * changes while a chunk is written (the backend's writes wait while it commits). H2 2.4.240 hung for good under
     * concurrent writes, with the background writer and once without it: a commit spun in
     * FileStore.saveChunkMetadataChanges. That commits overlapping other threads' writes caused it is our hypothesis,
     * not a proven cause (docs/OPERATIONS.md, "The Mongo wire server's storage"). A failure of the store goes to
     * {@code onFailure}.
     */
    static MVStore openStore(String file, Consumer<Throwable> onFailure) {
        return new MVStore.Builder().fileName(file).autoCommitDisabled()
                .backgroundExceptionHandler((thread, failure) -> onFailure.accept(failure)).open();
    }

    /**
     * The format of the file's documents, recorded on first use: BSON for a new file, Java serialization for a file
     * that already holds the backend's collections but no record (written by the stock backend).
     */
    static String documentFormat(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        String recorded = format.get(DOCUMENTS);
        if (recorded != null) {
            return recorded;
        }
        boolean written = store.getMapNames().stream().anyMatch(name -> name.startsWith(DATA_PREFIX));
        String chosen = written ? JAVA_SERIALIZATION : BSON;
        format.put(DOCUMENTS, chosen);
        store.commit();
        return chosen;
    }
}
