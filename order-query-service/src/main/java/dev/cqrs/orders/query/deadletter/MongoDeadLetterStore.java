package dev.cqrs.orders.query.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

/** {@code dead_letters}: one collection for all read models, outside the read models' generations. */
class MongoDeadLetterStore implements DeadLetterStore {

    static final String COLLECTION = "dead_letters";

    private final MongoCollection<Document> letters;

    MongoDeadLetterStore(MongoDatabase database) {
        this.letters = database.getCollection(COLLECTION);
    }

    /** The per-order lookup of the hot path and of replays, and the newest-first listing. */
    void ensureIndexes() {
        letters.createIndex(Indexes.ascending("readModel", "orderId", "status", "partition", "offset"),
                new IndexOptions().name("order_open_letters"));
        letters.createIndex(Indexes.compoundIndex(Indexes.ascending("readModel", "status"), Indexes.descending("createdAt")),
                new IndexOptions().name("newest_first"));
    }

    @Override
    public boolean insertIfAbsent(DeadLetter letter) {
        try {
            letters.insertOne(toDocument(letter));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(letters.find(Filters.eq("_id", id)).first()).map(MongoDeadLetterStore::fromDocument);
    }

    @Override
    public List<DeadLetter> openOf(String readModel, String orderId) {
        return letters.find(Filters.and(Filters.eq("readModel", readModel), Filters.eq("orderId", orderId),
                        Filters.eq("status", DeadLetter.Status.OPEN.name())))
                .sort(Sorts.ascending("partition", "offset"))
                .map(MongoDeadLetterStore::fromDocument).into(new ArrayList<>());
    }

    @Override
    public Set<String> ordersWithOpenLetters(String readModel) {
        Set<String> orders = new HashSet<>();
        letters.find(open(readModel)).projection(new Document("orderId", 1))
                .forEach(document -> {
                    if (document.getString("orderId") != null) {
                        orders.add(document.getString("orderId"));
                    }
                });
        return orders;
    }

    @Override
    public List<DeadLetter> list(String readModel, DeadLetter.Status status, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (readModel != null) {
            filters.add(Filters.eq("readModel", readModel));
        }
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return letters.find(filter).sort(Sorts.descending("createdAt", "offset")).limit(limit)
                .map(MongoDeadLetterStore::fromDocument).into(new ArrayList<>());
    }

    @Override
    public void save(DeadLetter letter) {
        letters.replaceOne(Filters.eq("_id", letter.id()), toDocument(letter), new ReplaceOptions().upsert(true));
    }

    @Override
    public long countOpen(String readModel) {
        return letters.countDocuments(open(readModel));
    }

    @Override
    public Optional<Instant> oldestOpen(String readModel) {
        Document oldest = letters.find(open(readModel)).sort(Sorts.ascending("createdAt")).limit(1).first();
        return oldest == null ? Optional.empty() : Optional.of(oldest.getDate("createdAt").toInstant());
    }

    private static Bson open(String readModel) {
        return Filters.and(Filters.eq("readModel", readModel), Filters.eq("status", DeadLetter.Status.OPEN.name()));
    }

    private static Document toDocument(DeadLetter letter) {
        // A list rather than a sub-document: header names may hold characters MongoDB field names must not.
        List<Document> headers = new ArrayList<>();
        letter.headers().forEach((name, value) -> headers.add(new Document("name", name).append("value", value)));
        return new Document("_id", letter.id())
                .append("readModel", letter.readModel())
                .append("orderId", letter.orderId())
                .append("topic", letter.topic())
                .append("partition", letter.partition())
                .append("offset", letter.offset())
                .append("eventId", letter.eventId())
                .append("eventType", letter.eventType())
                .append("aggregateVersion", letter.aggregateVersion())
                .append("errorClass", letter.errorClass())
                .append("errorMessage", letter.errorMessage())
                .append("attempts", letter.attempts())
                .append("payload", letter.payload())
                .append("headers", headers)
                .append("role", letter.role().name())
                .append("status", letter.status().name())
                .append("createdAt", Date.from(letter.createdAt()))
                .append("resolvedAt", letter.resolvedAt() == null ? null : Date.from(letter.resolvedAt()));
    }

    private static DeadLetter fromDocument(Document document) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<Document> stored = document.getList("headers", Document.class);
        if (stored != null) {
            stored.forEach(header -> headers.put(header.getString("name"), header.getString("value")));
        }
        Date resolvedAt = document.getDate("resolvedAt");
        return new DeadLetter(document.getString("_id"), document.getString("readModel"),
                document.getString("orderId"), document.getString("topic"), document.getInteger("partition"),
                ((Number) document.get("offset")).longValue(), document.getString("eventId"),
                document.getString("eventType"), ((Number) document.get("aggregateVersion")).longValue(),
                document.getString("errorClass"), document.getString("errorMessage"), document.getInteger("attempts"),
                document.getString("payload"), headers, DeadLetter.Role.valueOf(document.getString("role")),
                DeadLetter.Status.valueOf(document.getString("status")), document.getDate("createdAt").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant());
    }
}
