package dev.cqrs.orders.query.rebuild;

import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;

/**
 * The two irreversible steps of a rebuild, each guarded so that it can never hit the wrong generation: switching the
 * read model's alias (a compare-and-set from the generation the rebuild started from) and dropping the previous
 * generation (only once the rebuilt one is live).
 */
final class GenerationSwitch {

    private final ReadModel readModel;
    private final ReadModelAliases aliases;
    private final MongoDatabase database;

    GenerationSwitch(ReadModel readModel, ReadModelAliases aliases, MongoDatabase database) {
        this.readModel = readModel;
        this.aliases = aliases;
        this.database = database;
    }

    /** Makes {@code to} live if {@code from} still is; also succeeds if {@code to} is live already (a crash after it). */
    void switchTo(long from, long to) {
        if (!aliases.switchTo(readModel.name(), from, to)) {
            long live = aliases.storedGeneration(readModel.name());
            if (live != to) {
                throw new IllegalStateException(readModel.name() + " was switched to generation " + live + " by someone "
                        + "else while this rebuild of generation " + to + " expected " + from + " to be live; this "
                        + "rebuild does not switch");
            }
        }
    }

    /** Drops every collection of generation {@code previous}, provided {@code current} is the live one. */
    void dropPrevious(long previous, long current) {
        long live = aliases.storedGeneration(readModel.name());
        if (live != current) {
            throw new IllegalStateException("refusing to drop generation " + previous + " of " + readModel.name()
                    + ": the live generation is " + live + ", not this rebuild's " + current);
        }
        if (previous != current) {
            for (String base : readModel.collections()) {
                database.getCollection(ReadModelAliases.collectionName(base, previous)).drop();
            }
        }
    }
}
