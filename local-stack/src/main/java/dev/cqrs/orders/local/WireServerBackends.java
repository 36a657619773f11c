package dev.cqrs.orders.local;

import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** The wire server's backends (in memory, or an H2 file), with {@link IdLookupIndex} on every collection's _id. */
final class WireServerBackends {

    private WireServerBackends() {
    }

    static MongoBackend inMemory() {
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

    static MongoBackend inFile(String file) {
        return new H2Backend(file) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String name) {
                return new H2Database(name, getMvStore(), getCursorRegistry()) {
                    @Override
                    protected Index<Object> openOrCreateUniqueIndex(String collection, String index,
                                                                    List<IndexKey> keys, boolean sparse) {
                        return IdLookupIndex.wrap(super.openOrCreateUniqueIndex(collection, index, keys, sparse));
                    }
                };
            }
        };
    }
}
