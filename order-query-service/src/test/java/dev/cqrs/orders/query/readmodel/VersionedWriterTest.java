package dev.cqrs.orders.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class VersionedWriterTest {

    private final InMemoryVersionedStore store = new InMemoryVersionedStore();
    private final VersionedWriter writer = new VersionedWriter(store, "test-model");
    private final String id = UUID.randomUUID().toString();
    private final UUID created = UUID.randomUUID();

    @Test
    void aBatchOfOneEventIsOneRoundTripWhenItsWriteTakes() {
        CountingStore counted = new CountingStore();
        VersionedWriter batches = new VersionedWriter(counted, "test-model");
        UUID confirmed = UUID.randomUUID();

        assertThat(batches.applyAll(List.of(VersionedWriter.Change.creation(id, created, new Document("status", "CREATED")))))
                .containsExactly(ApplyOutcome.APPLIED);
        assertThat(batches.applyAll(List.of(VersionedWriter.Change.update(id, confirmed, 2, new Document("status", "CONFIRMED")))))
                .containsExactly(ApplyOutcome.APPLIED);
        assertThat(counted.calls).containsExactly("insertIfAbsent", "updateIfAtVersion");

        counted.calls.clear();
        assertThat(batches.applyAll(List.of(VersionedWriter.Change.update(id, confirmed, 2, new Document("status", "CONFIRMED")))))
                .as("a redelivery").containsExactly(ApplyOutcome.DUPLICATE);
        assertThat(counted.calls).as("the read comes after a write that did not take").containsExactly("updateIfAtVersion", "find");

        counted.calls.clear();
        UUID shipped = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        assertThat(batches.applyAll(List.of(VersionedWriter.Change.update(id, shipped, 3, new Document("status", "SHIPPED")),
                VersionedWriter.Change.update(id, cancelled, 4, new Document("status", "CANCELLED")))))
                .containsExactly(ApplyOutcome.APPLIED, ApplyOutcome.APPLIED);
        assertThat(counted.calls).as("a batch of more: one read, one bulk").containsExactly("findAll", "writeInOrder");
    }

    @Test
    void creationInsertsVersionOneWithItsEventId() {
        assertThat(writer.create(id, created, new Document("status", "CREATED"))).isEqualTo(ApplyOutcome.APPLIED);

        assertThat(store.find(id)).contains(new Document(VersionedStore.ID, id).append("status", "CREATED")
                .append(VersionedStore.VERSION, 1L).append(VersionedStore.APPLIED_EVENT_IDS, List.of(created.toString())));
    }

    @Test
    void aSecondCreationUnderAnotherEventIdIsIgnored() {
        writer.create(id, created, new Document("status", "CREATED"));
        Document before = store.find(id).orElseThrow();

        assertThat(writer.create(id, UUID.randomUUID(), new Document("status", "OTHER"))).isEqualTo(ApplyOutcome.STALE);
        assertThat(store.find(id)).contains(before);
    }

    @Test
    void updateMovesOneVersionForwardAndRecordsTheEvent() {
        writer.create(id, created, new Document("status", "CREATED"));
        UUID confirmed = UUID.randomUUID();

        assertThat(writer.update(id, confirmed, 2, new Document("status", "CONFIRMED"))).isEqualTo(ApplyOutcome.APPLIED);

        Document document = store.find(id).orElseThrow();
        assertThat(document.get(VersionedStore.VERSION)).isEqualTo(2L);
        assertThat(document.getList(VersionedStore.APPLIED_EVENT_IDS, String.class))
                .containsExactly(created.toString(), confirmed.toString());
    }

    @Test
    void anUpdateForAnAbsentOrderIsAGap() {
        assertThatThrownBy(() -> writer.update(id, UUID.randomUUID(), 2, new Document()))
                .isInstanceOfSatisfying(VersionGapException.class, gap -> {
                    assertThat(gap.currentVersion()).isZero();
                    assertThat(gap.eventVersion()).isEqualTo(2);
                    assertThat(gap).hasMessageContaining("test-model").hasMessageContaining(id);
                });
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void anUpdateTwoVersionsAheadIsAGap() {
        writer.create(id, created, new Document());

        assertThatThrownBy(() -> writer.update(id, UUID.randomUUID(), 3, new Document()))
                .isInstanceOfSatisfying(VersionGapException.class, gap -> assertThat(gap.currentVersion()).isEqualTo(1));
    }

    @Test
    void versionOneIsOnlyForCreations() {
        assertThatThrownBy(() -> writer.update(id, UUID.randomUUID(), 1, new Document()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The in-memory store, recording each call a MongoDB store makes a round trip of. */
    private static final class CountingStore implements VersionedStore {

        final List<String> calls = new java.util.ArrayList<>();
        private final InMemoryVersionedStore store = new InMemoryVersionedStore();

        @Override
        public boolean insertIfAbsent(Document document) {
            calls.add("insertIfAbsent");
            return store.insertIfAbsent(document);
        }

        @Override
        public boolean updateIfAtVersion(String id, long expectedVersion, String eventId, Document fields) {
            calls.add("updateIfAtVersion");
            return store.updateIfAtVersion(id, expectedVersion, eventId, fields);
        }

        @Override
        public java.util.Optional<Document> find(String id) {
            calls.add("find");
            return store.find(id);
        }

        @Override
        public java.util.Map<String, Document> findAll(java.util.Collection<String> ids) {
            calls.add("findAll");
            return store.findAll(ids);
        }

        @Override
        public boolean writeInOrder(List<Write> writes) {
            calls.add("writeInOrder");
            return store.writeInOrder(writes);
        }
    }
}
