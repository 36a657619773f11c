package dev.cqrs.orders.query.consumer;

/**
 * Why a listener returned before the end of its poll: the service is shutting down. Nothing is wrong with the record;
 * it is never dead-lettered and is applied by whoever consumes its partition next.
 */
final class ServiceStopping extends RuntimeException {

    ServiceStopping() {
        super("the service is shutting down", null, false, false);
    }
}
