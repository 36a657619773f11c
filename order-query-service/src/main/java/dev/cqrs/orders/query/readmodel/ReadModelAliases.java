package dev.cqrs.orders.query.readmodel;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Which generation of its collections each read model serves from and projects into. One document per read model in
 * {@value #COLLECTION}, {@code {_id: readModel, generation: n}}; generation 0 (or no document) is the plain base names,
 * generation n is {@code <base>__rebuild_<n>}. A rebuild switches a read model, all of its collections at once, by
 * changing that one document with a compare-and-set. Readers use a cache refreshed every
 * {@code orders.query.read-models.alias-refresh-interval}, so another replica follows a switch within that interval.
 */
public final class ReadModelAliases {

    public static final String COLLECTION = "read_model_aliases";

    private static final Logger log = LoggerFactory.getLogger(ReadModelAliases.class);
    private static final String GENERATION = "generation";
    private static final String SWITCHED_AT = "switchedAt";
    private static final String GENERATION_SUFFIX = "__rebuild_";

    private final MongoDatabase database;
    private final MongoCollection<Document> aliases;
    private final Map<String, Long> cache = new ConcurrentHashMap<>();
    private volatile boolean refreshFailing;

    public ReadModelAliases(MongoDatabase database) {
        this.database = database;
        this.aliases = database.getCollection(COLLECTION);
        try {
            cache.putAll(load());
        } catch (MongoException e) {
            throw new IllegalStateException("Could not read " + aliases.getNamespace() + ": check that MongoDB is "
                    + "reachable at MONGODB_URI", e);
        }
    }

    /** The collection name of a base collection in a generation. */
    public static String collectionName(String baseName, long generation) {
        return generation == 0 ? baseName : baseName + GENERATION_SUFFIX + generation;
    }

    /** Whether {@code collection} is the base collection in some generation, the plain name (generation 0) included. */
    public static boolean isGenerationOf(String collection, String baseName) {
        return collection.equals(baseName) || collection.startsWith(baseName + GENERATION_SUFFIX);
    }

    /** The live generation as this replica knows it (at most one refresh interval old). */
    public long generation(String readModel) {
        return cache.getOrDefault(readModel, 0L);
    }

    /** Resolves to the live generation on every call, so long-lived holders follow a switch. */
    public ReadModelCollections live(String readModel) {
        return base -> database.getCollection(collectionName(base, generation(readModel)));
    }

    /** One fixed generation, e.g. the one a rebuild writes. */
    public ReadModelCollections generationOf(long generation) {
        return base -> database.getCollection(collectionName(base, generation));
    }

    /** The live generation as stored right now, bypassing the cache. */
    public long storedGeneration(String readModel) {
        Document alias = aliases.find(Filters.eq("_id", readModel)).first();
        return alias == null ? 0L : ((Number) alias.get(GENERATION)).longValue();
    }

    /**
     * Switches a read model from one generation to another, atomically and only if it is still at {@code from}.
     *
     * @return whether this call switched it
     */
    public boolean switchTo(String readModel, long from, long to) {
        Date now = new Date();
        boolean switched = aliases.updateOne(Filters.and(Filters.eq("_id", readModel), Filters.eq(GENERATION, from)),
                Updates.combine(Updates.set(GENERATION, to), Updates.set(SWITCHED_AT, now))).getMatchedCount() == 1;
        if (!switched && from == 0) {
            // Generation 0 needs no document; the first switch creates it, and the unique _id makes that a CAS too.
            try {
                aliases.insertOne(new Document("_id", readModel).append(GENERATION, to).append(SWITCHED_AT, now));
                switched = true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        if (switched) {
            cache.put(readModel, to);
            log.info("{} now serves from and projects into generation {} (was {})", readModel, to, from);
        }
        return switched;
    }

    /** Re-reads every alias; a failure keeps the last known generations and is logged once until it recovers. */
    @Scheduled(fixedDelayString = "${orders.query.read-models.alias-refresh-interval}")
    public void refresh() {
        try {
            Map<String, Long> stored = load();
            stored.forEach((readModel, generation) -> {
                Long before = cache.put(readModel, generation);
                if (before != null && !before.equals(generation)) {
                    log.info("{} was switched to generation {} (was {}) by a rebuild", readModel, generation, before);
                }
            });
            if (refreshFailing) {
                log.info("Read model aliases are readable again");
                refreshFailing = false;
            }
        } catch (MongoException e) {
            if (!refreshFailing) {
                log.warn("Could not refresh read model aliases ({}); serving the last known generations until MongoDB "
                        + "at MONGODB_URI answers again", e.toString());
                refreshFailing = true;
            }
        }
    }

    private Map<String, Long> load() {
        Map<String, Long> stored = new HashMap<>();
        for (Document alias : aliases.find()) {
            stored.put(alias.getString("_id"), ((Number) alias.get(GENERATION)).longValue());
        }
        return stored;
    }
}
