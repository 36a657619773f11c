package dev.cqrs.orders.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Generations and their switch, on the Mongo wire server with the real driver. */
class ReadModelAliasesTest {

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase("aliases");
    }

    @Test
    void generationZeroIsThePlainNameAndNeedsNoAlias() {
        ReadModelAliases aliases = new ReadModelAliases(database);

        assertThat(aliases.generation("order-view")).isZero();
        assertThat(aliases.live("order-view").get("order_views").getNamespace().getCollectionName()).isEqualTo("order_views");
        assertThat(ReadModelAliases.collectionName("order_views", 4)).isEqualTo("order_views__rebuild_4");
    }

    @Test
    void aSwitchIsACompareAndSetThatMovesEveryCollectionOfTheReadModelAtOnce() {
        ReadModelAliases aliases = new ReadModelAliases(database);
        ReadModelCollections live = aliases.live("customer-summary");

        assertThat(aliases.switchTo("customer-summary", 0, 1)).isTrue();
        assertThat(aliases.switchTo("customer-summary", 0, 2)).isFalse();
        assertThat(aliases.switchTo("customer-summary", 1, 2)).isTrue();

        assertThat(aliases.storedGeneration("customer-summary")).isEqualTo(2);
        assertThat(live.get("customer_summaries").getNamespace().getCollectionName())
                .isEqualTo("customer_summaries__rebuild_2");
        assertThat(live.get("customer_order_facts").getNamespace().getCollectionName())
                .isEqualTo("customer_order_facts__rebuild_2");
        assertThat(aliases.generation("order-view")).isZero();
    }

    @Test
    void anotherReplicaFollowsASwitchAtItsNextRefresh() {
        ReadModelAliases here = new ReadModelAliases(database);
        ReadModelAliases elsewhere = new ReadModelAliases(database);
        ReadModelCollections seenElsewhere = elsewhere.live("order-list");

        here.switchTo("order-list", 0, 1);
        assertThat(elsewhere.generation("order-list")).isZero();

        elsewhere.refresh();
        assertThat(seenElsewhere.get("order_summaries").getNamespace().getCollectionName())
                .isEqualTo("order_summaries__rebuild_1");
    }

    @Test
    void aCollectionIsAGenerationOfItsBaseOnlyUnderTheGenerationNaming() {
        assertThat(ReadModelAliases.isGenerationOf("order_views", "order_views")).isTrue();
        assertThat(ReadModelAliases.isGenerationOf(ReadModelAliases.collectionName("order_views", 3), "order_views"))
                .isTrue();
        assertThat(ReadModelAliases.isGenerationOf("order_views_archive", "order_views")).isFalse();
        assertThat(ReadModelAliases.isGenerationOf("order_summaries__rebuild_2", "order_views")).isFalse();
        assertThat(ReadModelAliases.isGenerationOf("order_views", "order_views_archive")).isFalse();
    }

    @Test
    void aliasesAreReadAtStartUp() {
        database.getCollection(ReadModelAliases.COLLECTION).insertOne(new Document("_id", "order-view")
                .append("generation", 7L));

        assertThat(new ReadModelAliases(database).generation("order-view")).isEqualTo(7);
    }
}
