package dev.cqrs.orders.local.wireserver;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * The wire server's {@code _id} index, made to serve every query that pins {@code _id} to one value, as real MongoDB
 * does: otherwise a projection's conditional update {@code {_id: X, version: 4}} scans the whole collection
 * (docs/OPERATIONS.md, "The Mongo wire server's storage"). The collection still matches the full query against the one
 * candidate, so results are unchanged.
 */
final class IdLookupIndex<P> extends Index<P> {

    private static final String ID = "_id";

    private final Index<P> delegate;

    private IdLookupIndex(Index<P> delegate) {
        super(delegate.getName(), delegate.getKeys(), false);
        this.delegate = delegate;
    }

    /** Wraps the {@code _id} index; any other index is returned as it is. */
    static <P> Index<P> wrap(Index<P> index) {
        List<IndexKey> keys = index.getKeys();
        boolean idOnly = keys.size() == 1 && ID.equals(keys.get(0).getKey());
        return idOnly && index.isUnique() ? new IdLookupIndex<>(index) : index;
    }

    /** True when the query pins {@code _id} to a single plain value (no operator, regex or array). */
    static boolean pinsId(Document query) {
        return pinnedId(query) != NONE;
    }

    private static final Object NONE = new Object();

    /**
     * The value the query pins {@code _id} to, at its top level or in one of the clauses of a top-level {@code $and}
     * (the driver's {@code Filters.and} always sends {@code $and}); {@link #NONE} when it does not pin one.
     */
    private static Object pinnedId(Document query) {
        if (query.containsKey(ID)) {
            Object value = query.get(ID);
            return isPlain(value) ? value : NONE;
        }
        if (query.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document) {
                    Object value = pinnedId(document);
                    if (value != NONE) {
                        return value;
                    }
                }
            }
        }
        return NONE;
    }

    private static boolean isPlain(Object value) {
        if (value == null || value instanceof Collection<?> || value instanceof Pattern
                || BsonRegularExpression.isRegularExpression(value)) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().noneMatch(key -> key.toString().startsWith("$"));
        }
        return true;
    }

    @Override
    public boolean canHandle(Document query) {
        return delegate.canHandle(query) || pinsId(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return delegate.canHandle(query) ? delegate.getPositions(query)
                : delegate.getPositions(new Document(ID, pinnedId(query)));
    }

    @Override
    public boolean isUnique() {
        return delegate.isUnique();
    }

    @Override
    public P getPosition(Document document) {
        return delegate.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        delegate.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        delegate.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return delegate.remove(document);
    }

    @Override
    public long getCount() {
        return delegate.getCount();
    }

    @Override
    public long getDataSize() {
        return delegate.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        delegate.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        delegate.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        delegate.drop();
    }
}
