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

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }
}
