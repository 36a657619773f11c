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
}
