package dev.cqrs.orders.query.consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import dev.cqrs.orders.events.EventDecodingException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/** Classifies a listener failure by walking its cause chain (the container wraps what the listener threw). */
final class Failures {

    private Failures() {
    }

    /** The record is fine and must reach the read model: a store outage, or a listener returning early at shutdown. */
    static boolean neverDeadLetter(Throwable failure) {
        return isTransientStoreFailure(failure) || isShutdown(failure);
    }

    static boolean isShutdown(Throwable failure) {
        return find(failure, ServiceStopping.class) != null;
    }

    /** A store outage or similar: retrying is always right, dead-lettering never is. */
    static boolean isTransientStoreFailure(Throwable failure) {
        MongoException mongo = find(failure, MongoException.class);
        if (mongo == null) {
            return false;
        }
        return !(mongo instanceof MongoWriteException write
                && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /**
     * A batch listener's failure as a record listener's reads: the container's wrapper directly around the listener's
     * own exception, without the {@link BatchListenerFailedException} between them, which only names the record. So
     * a dead letter's exception headers name the real failure, as they did before batching.
     */
    static Exception withoutBatchWrapper(Exception failure) {
        if (failure instanceof ListenerExecutionFailedException wrapper
                && wrapper.getCause() instanceof BatchListenerFailedException batch && batch.getCause() != null) {
            return new ListenerExecutionFailedException(wrapper.getMessage(), wrapper.getGroupId(), batch.getCause());
        }
        if (failure instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception cause) {
            return cause;
        }
        return failure;
    }

    static boolean isPoison(Throwable failure) {
        return find(failure, EventDecodingException.class) != null;
    }

    /** The first exception of this type in the cause chain, or null. */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
