package dev.cqrs.orders.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The semantics every {@link VersionedStore} must have; run against the fake and against MongoDB. */
abstract class VersionedStoreContract {

    private VersionedStore store;
    private String id;

    /** A new, empty store for each test. */
    protected abstract VersionedStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        id = UUID.randomUUID().toString();
    }

    private Document initial() {
        return new Document(VersionedStore.ID, id)
                .append("status", "CREATED")
                .append("totalCents", 1500L)
                .append("createdAt", new Date(1_700_000_000_123L))
                .append("items", List.of(new Document("sku", "A-1").append("quantity", 3)))
                .append(VersionedStore.VERSION, 1L)
                .append(VersionedStore.APPLIED_EVENT_IDS, List.of("e1"));
    }

    @Test
    void insertedDocumentReadsBackUnchanged() {
        assertThat(store.insertIfAbsent(initial())).isTrue();
        assertThat(store.find(id)).contains(initial());
    }

    @Test
    void insertOfAnExistingIdIsRefusedAndKeepsTheFirst() {
        store.insertIfAbsent(initial());
        Document other = initial().append("status", "OTHER").append(VersionedStore.APPLIED_EVENT_IDS, List.of("e9"));

        assertThat(store.insertIfAbsent(other)).isFalse();
        assertThat(store.find(id)).contains(initial());
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void updateAtTheExpectedVersionSetsFieldsAndRecordsTheEvent() {
        store.insertIfAbsent(initial());

        boolean updated = store.updateIfAtVersion(id, 1, "e2",
                new Document("status", "CONFIRMED").append(VersionedStore.VERSION, 2L).append("reason", "why"));

        assertThat(updated).isTrue();
        Document expected = initial().append("status", "CONFIRMED").append(VersionedStore.VERSION, 2L)
                .append("reason", "why").append(VersionedStore.APPLIED_EVENT_IDS, List.of("e1", "e2"));
        assertThat(store.find(id)).contains(expected);
    }

    @Test
    void updateAtAnotherVersionChangesNothing() {
        store.insertIfAbsent(initial());

        assertThat(store.updateIfAtVersion(id, 2, "e3", new Document("status", "SHIPPED"))).isFalse();
        assertThat(store.updateIfAtVersion(id, 0, "e3", new Document("status", "SHIPPED"))).isFalse();
        assertThat(store.find(id)).contains(initial());
    }

    @Test
    void updateWithAnAlreadyRecordedEventChangesNothing() {
        store.insertIfAbsent(initial());
        store.updateIfAtVersion(id, 1, "e2", new Document("status", "CONFIRMED").append(VersionedStore.VERSION, 2L));
        Document before = store.find(id).orElseThrow();

        boolean updated = store.updateIfAtVersion(id, 2, "e2",
                new Document("status", "SHIPPED").append(VersionedStore.VERSION, 3L));

        assertThat(updated).isFalse();
        assertThat(store.find(id)).contains(before);
    }

    @Test
    void updateOfAnUnknownIdCreatesNothing() {
        assertThat(store.updateIfAtVersion(id, 1, "e2", new Document("status", "CONFIRMED"))).isFalse();
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void versionMatchesWhateverIntegerWidthItWasStoredWith() {
        store.insertIfAbsent(initial().append(VersionedStore.VERSION, 1));

        assertThat(store.updateIfAtVersion(id, 1L, "e2", new Document(VersionedStore.VERSION, 2L))).isTrue();
    }

    @Test
    void writeInOrderAppliesEachConditionalWriteInTurnAndCountsThoseThatTookEffect() {
        store.insertIfAbsent(initial());
        String other = UUID.randomUUID().toString();
        Document otherDocument = new Document(VersionedStore.ID, other).append(VersionedStore.VERSION, 1L)
                .append(VersionedStore.APPLIED_EVENT_IDS, List.of("o1"));

        boolean all = store.writeInOrder(List.of(
                new VersionedStore.Update(id, 1, "e2", new Document("status", "CONFIRMED").append(VersionedStore.VERSION, 2L)),
                new VersionedStore.Update(id, 2, "e3", new Document("status", "SHIPPED").append(VersionedStore.VERSION, 3L)),
                new VersionedStore.Update(id, 1, "e4", new Document("status", "STALE").append(VersionedStore.VERSION, 2L)),
                new VersionedStore.Update(id, 3, "e2", new Document("status", "AGAIN").append(VersionedStore.VERSION, 4L)),
                new VersionedStore.Insert(otherDocument)));

        assertThat(all).as("a stale and a duplicate update took no effect").isFalse();
        assertThat(store.find(id)).contains(initial().append("status", "SHIPPED").append(VersionedStore.VERSION, 3L)
                .append(VersionedStore.APPLIED_EVENT_IDS, List.of("e1", "e2", "e3")));
        assertThat(store.find(other)).contains(otherDocument);
        assertThat(store.writeInOrder(List.of(
                new VersionedStore.Update(id, 3, "e5", new Document(VersionedStore.VERSION, 4L)),
                new VersionedStore.Update(other, 1, "o2", new Document(VersionedStore.VERSION, 2L))))).isTrue();
        assertThat(store.find(id).orElseThrow().get(VersionedStore.VERSION)).isEqualTo(4L);
    }

    @Test
    void writeInOrderFailsAtAnInsertWhoseDocumentExistsAndKeepsTheFirst() {
        store.insertIfAbsent(initial());

        boolean all = store.writeInOrder(List.of(new VersionedStore.Insert(initial().append("status", "OTHER"))));

        assertThat(all).isFalse();
        assertThat(store.find(id)).contains(initial());
        assertThat(store.writeInOrder(List.of())).isTrue();
    }

    @Test
    void findAllAnswersTheDocumentsThatExistByTheirId() {
        store.insertIfAbsent(initial());

        assertThat(store.findAll(List.of(id, UUID.randomUUID().toString()))).containsOnlyKeys(id).containsEntry(id, initial());
        assertThat(store.findAll(List.of())).isEmpty();
    }
}
