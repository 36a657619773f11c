package dev.cqrs.orders.local.wireserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import org.bson.Document;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdLookupIndexTest {

    @Test
    void servesQueriesThatPinTheIdToOneValueAndNothingElse() {
        var index = IdLookupIndex.wrap(new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false));

        assertThat(index.canHandle(doc("_id", "a").append("version", 3))).isTrue();
        assertThat(index.canHandle(doc("_id", "a").append("orders.x", doc("$exists", false)))).isTrue();
        assertThat(index.canHandle(doc("_id", doc("$gt", "a")).append("version", 3))).isFalse();
        assertThat(index.canHandle(doc("_id", Pattern.compile("^a")).append("version", 3))).isFalse();
        assertThat(index.canHandle(doc("_id", new BsonRegularExpression("^a", "")).append("version", 3))).isFalse();
        assertThat(index.canHandle(doc("_id", List.of("a", "b")).append("version", 3))).isFalse();
        assertThat(index.canHandle(doc("version", 3))).isFalse();
        // What the driver's Filters.and sends: the clauses under $and.
        assertThat(index.canHandle(doc("$and", List.of(doc("_id", "a"), doc("version", 3))))).isTrue();
        assertThat(index.canHandle(doc("$and", List.of(doc("_id", doc("$gt", "a")), doc("version", 3))))).isFalse();
        assertThat(index.canHandle(doc("$or", List.of(doc("_id", "a"), doc("version", 3))))).isFalse();
    }

    @Test
    void leavesOtherIndexesAlone() {
        var byCustomer = new MemoryUniqueIndex("customer_", List.of(new IndexKey("customerId", true)), false);
        assertThat(IdLookupIndex.wrap(byCustomer)).isSameAs(byCustomer);
    }

    @Test
    void everyCollectionOfBothBackendsGetsIt(@TempDir Path dir) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (var backend : List.of(WireServerBackends.inMemory(), WireServerBackends.inFile(dir.resolve("m.mv").toString(), failures::add))) {
            var collection = (AbstractMongoCollection<?>) backend.resolveDatabase("db")
                    .createCollectionOrThrowIfExists("views");
            assertThat(collection.getIndexes()).anyMatch(IdLookupIndex.class::isInstance);
            backend.close();
        }
        assertThat(failures).isEmpty();
    }

    /** The same answers as a full scan would give: the collection still matches the whole query. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void conditionalUpdatesAndFindsAnswerAsMongoDoes(boolean inFile, @TempDir Path dir) throws Exception {
        try (MongoNode node = MongoNode.start(inFile ? dir : null, Ports.free());
             MongoClient client = MongoClients.create(node.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            views.insertMany(List.of(new Document("_id", "a").append("version", 1L),
                    new Document("_id", "b").append("version", 2L), new Document("_id", "c").append("version", 3L)));

            assertThat(views.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.eq("version", 1L)),
                    Updates.set("version", 2L)).getModifiedCount()).isEqualTo(1);
            assertThat(views.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.eq("version", 1L)),
                    Updates.set("version", 3L)).getModifiedCount()).isZero();
            assertThat(views.updateOne(Filters.and(Filters.eq("_id", "zz"), Filters.eq("version", 0L)),
                    Updates.set("version", 1L)).getMatchedCount()).isZero();
            assertThat(views.find(Filters.and(Filters.eq("_id", "b"), Filters.exists("status", false))).first())
                    .isNotNull();
            assertThat(views.find(Filters.and(Filters.eq("_id", "b"), Filters.exists("version", false))).first())
                    .isNull();
            assertThat(ids(views, Filters.and(Filters.in("_id", "a", "c"), Filters.gte("version", 2L))))
                    .containsExactlyInAnyOrder("a", "c");
            assertThat(ids(views, Filters.and(Filters.gt("_id", "a"), Filters.lt("version", 3L)))).containsExactly("b");
            assertThat(views.find(Filters.eq("_id", "a")).first().getLong("version")).isEqualTo(2L);
        }
    }

    private static List<String> ids(MongoCollection<Document> views, org.bson.conversions.Bson filter) {
        return views.find(filter).map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    private static de.bwaldvogel.mongo.bson.Document doc(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }
}
