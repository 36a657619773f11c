package dev.cqrs.orders.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.query.readmodel.VersionGapException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class FailuresTest {

    @Test
    void storeOutagesAreTransientEvenWhenWrappedByTheContainer() {
        assertThat(Failures.isTransientStoreFailure(new MongoTimeoutException("no server"))).isTrue();
        assertThat(Failures.isTransientStoreFailure(wrapped(new MongoSocketReadException("reset",
                new ServerAddress())))).isTrue();
    }

    @Test
    void duplicateKeysGapsAndPoisonAreNotStoreOutages() {
        MongoWriteException duplicate = new MongoWriteException(
                new WriteError(11000, "E11000 duplicate key", new BsonDocument()), new ServerAddress(), java.util.List.of());

        assertThat(Failures.isTransientStoreFailure(duplicate)).isFalse();
        assertThat(Failures.isTransientStoreFailure(wrapped(new VersionGapException("m", "o", 3, 1)))).isFalse();
        assertThat(Failures.isTransientStoreFailure(wrapped(new EventDecodingException("bad")))).isFalse();
    }

    @Test
    void poisonIsFoundThroughWrappers() {
        assertThat(Failures.isPoison(wrapped(new EventDecodingException("bad")))).isTrue();
        assertThat(Failures.isPoison(wrapped(new IllegalStateException("bug")))).isFalse();
    }

    @Test
    void aBatchFailureReadsLikeARecordFailureWithTheListenersOwnExceptionAsCause() {
        VersionGapException gap = new VersionGapException("m", "o", 3, 1);
        Exception batch = new ListenerExecutionFailedException("listener failed", "group",
                new org.springframework.kafka.listener.BatchListenerFailedException("record 7", gap, 7));

        Exception unwrapped = Failures.withoutBatchWrapper(batch);

        assertThat(unwrapped).isInstanceOf(ListenerExecutionFailedException.class).hasCause(gap);
        assertThat(((ListenerExecutionFailedException) unwrapped).getGroupId()).isEqualTo("group");
        Exception plain = wrapped(gap);
        assertThat(Failures.withoutBatchWrapper(plain)).isSameAs(plain);
    }

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }
}
