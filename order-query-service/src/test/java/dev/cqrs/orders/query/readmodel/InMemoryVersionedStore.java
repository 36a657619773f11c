package dev.cqrs.orders.query.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;

/**
 * An in-memory {@link VersionedStore} with MongoDB's semantics; {@link VersionedStoreContract} runs the same
 * assertions against it and against {@link MongoVersionedStore}, so the two cannot drift apart. Documents are
 * round-tripped through BSON, so callers see the same Java types the driver returns.
 */
public final class InMemoryVersionedStore implements VersionedStore {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private final Map<String, Document> documents = new ConcurrentHashMap<>();

    @Override
    public boolean insertIfAbsent(Document document) {
        return documents.putIfAbsent((String) document.get(ID), copy(document)) == null;
    }

    @Override
    public synchronized boolean updateIfAtVersion(String id, long expectedVersion, String eventId, Document fields) {
        Document current = documents.get(id);
        if (current == null
                || ((Number) current.get(VERSION)).longValue() != expectedVersion
                || current.getList(APPLIED_EVENT_IDS, String.class).contains(eventId)) {
            return false;
        }
        Document updated = copy(current);
        updated.putAll(copy(fields));
        List<String> applied = new ArrayList<>(updated.getList(APPLIED_EVENT_IDS, String.class));
        applied.add(eventId);
        updated.put(APPLIED_EVENT_IDS, applied);
        documents.put(id, copy(updated));
        return true;
    }

    @Override
    public Optional<Document> find(String id) {
        return Optional.ofNullable(documents.get(id)).map(InMemoryVersionedStore::copy);
    }

    private static Document copy(Document document) {
        BsonDocument bson = new BsonDocument();
        CODEC.encode(new BsonDocumentWriter(bson), document, EncoderContext.builder().build());
        return CODEC.decode(new BsonDocumentReader(bson), DecoderContext.builder().build());
    }
}
