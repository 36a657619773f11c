package dev.cqrs.orders.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.cqrs.orders.query.readmodel.MongoWireServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may start, resume and advance a rebuild, on the Mongo wire server with the real driver. */
class RebuildCheckpointsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofSeconds(30);

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    private RebuildCheckpoints checkpoints;

    @BeforeEach
    void setUp() {
        checkpoints = new RebuildCheckpoints(mongo.freshDatabase("checkpoints"));
    }

    @Test
    void aCheckpointReadsBackAsItWasSaved() {
        RebuildCheckpoint saved = new RebuildCheckpoint("order-view", 3, 2, RebuildState.SWITCHED, Map.of(0, 10L, 1, 7L),
                Map.of(0, 9L, 1, 7L), Map.of(0, 12L, 1, 7L), 17, 1, 2, NOW, NOW.plusSeconds(1), 5, NOW.plusSeconds(2),
                NOW.plusSeconds(3), null, "a", NOW.plus(LEASE), null);
        checkpoints.begin(saved, null);

        assertThat(checkpoints.find("order-view")).contains(saved);
    }

    @Test
    void onlyOneOfTwoReplicasBeginsARebuild() {
        assertThat(checkpoints.begin(fresh("a"), null)).isTrue();

        assertThat(checkpoints.begin(fresh("b"), null)).isFalse();
        assertThat(checkpoints.find("order-view").orElseThrow().owner()).isEqualTo("a");
    }

    @Test
    void aFinishedRebuildIsReplacedByTheNextOnlyIfNobodyReplacedItFirst() {
        RebuildCheckpoint done = done(fresh("a"));
        checkpoints.begin(done, null);

        assertThat(checkpoints.begin(fresh("b"), done)).isTrue();
        assertThat(checkpoints.begin(fresh("c"), done)).isFalse();
        assertThat(checkpoints.find("order-view").orElseThrow().owner()).isEqualTo("b");
    }

    @Test
    void anUnfinishedRebuildIsTakenOverOnlyOnceItsOwnersLeaseExpired() {
        checkpoints.begin(fresh("a"), null);

        assertThat(checkpoints.acquire("order-view", "b", NOW, LEASE)).isEmpty();
        // a crashed: nobody renews its lease
        RebuildCheckpoint taken = checkpoints.acquire("order-view", "b", NOW.plus(LEASE).plusSeconds(1), LEASE)
                .orElseThrow();

        assertThat(taken.owner()).isEqualTo("b");
        assertThat(taken.runs()).isEqualTo(2);
        // a comes back to life: its progress no longer lands
        assertThat(checkpoints.save(fresh("a"))).isFalse();
        assertThat(checkpoints.save(withOwner(taken, "b"))).isTrue();
    }

    @Test
    void aReleasedLeaseCanBeTakenAtOnce() {
        checkpoints.begin(fresh("a"), null);

        checkpoints.release("order-view", "a", NOW);

        assertThat(checkpoints.acquire("order-view", "b", NOW.plusMillis(1), LEASE)).isPresent();
    }

    @Test
    void aFinishedRebuildIsNeverResumed() {
        checkpoints.begin(done(fresh("a")), null);

        assertThat(checkpoints.acquire("order-view", "b", NOW.plus(LEASE).plusSeconds(60), LEASE)).isEmpty();
    }

    private static RebuildCheckpoint fresh(String owner) {
        return RebuildCheckpoint.fresh("order-view", 1, 0, owner, NOW, NOW.plus(LEASE));
    }

    private static RebuildCheckpoint done(RebuildCheckpoint checkpoint) {
        return new RebuildCheckpoint(checkpoint.readModel(), checkpoint.generation(), checkpoint.fromGeneration(),
                RebuildState.DONE, Map.of(), Map.of(), Map.of(), 0, 0, 1, NOW, NOW, 0, NOW, NOW, NOW,
                checkpoint.owner(), NOW, null);
    }

    private static RebuildCheckpoint withOwner(RebuildCheckpoint checkpoint, String owner) {
        return new RebuildCheckpoint(checkpoint.readModel(), checkpoint.generation(), checkpoint.fromGeneration(),
                checkpoint.state(), checkpoint.positions(), checkpoint.targets(), checkpoint.ends(), checkpoint.applied(),
                checkpoint.skipped(), checkpoint.runs(), checkpoint.startedAt(), checkpoint.runStartedAt(),
                checkpoint.appliedAtRunStart(), NOW, null, null, owner, NOW.plus(LEASE), null);
    }
}
