package dev.cqrs.orders.query.consumer;

import com.mongodb.MongoException;
import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.query.readmodel.VersionGapException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaUtils;

/** Logs each failed delivery and each dead letter once, saying what happened and what an operator can do. */
class RetryLogging implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(RetryLogging.class);

    private final String deadLetterTopic;

    RetryLogging(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        String where = where(record);
        if (Failures.isPoison(failure)) {
            return; // not retried; recovered() reports it
        }
        if (Failures.isShutdown(failure)) {
            log.debug("{}: left for the next consumer, the service is shutting down", where);
            return;
        }
        VersionGapException gap = Failures.find(failure, VersionGapException.class);
        if (gap != null) {
            log.warn("{}: attempt {}: {}. Retrying with back-off; if the gap persists the record goes to {}", where,
                    deliveryAttempt, gap.getMessage(), deadLetterTopic);
        } else if (Failures.isTransientStoreFailure(failure)) {
            log.warn("{}: attempt {}: the read model store failed ({}). Retrying until it recovers; check MongoDB at "
                    + "MONGODB_URI", where, deliveryAttempt, Failures.find(failure, MongoException.class).toString());
        } else {
            log.error("{}: attempt {} failed unexpectedly; retrying for a while, then dead-lettering to {}", where,
                    deliveryAttempt, deadLetterTopic, failure);
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        EventDecodingException poison = Failures.find(failure, EventDecodingException.class);
        if (poison != null) {
            log.warn("{}: not a valid order event ({}); dead-lettered to {} and to GET /admin/dead-letters; later "
                    + "events of this order wait behind it, other orders move on. Fix the producer, then replay or "
                    + "discard it there", where(record),
                    poison.getMessage(), deadLetterTopic);
            return;
        }
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        log.error("{}: gave up and dead-lettered to {} ({}). Later events of this order wait behind it, other orders "
                + "move on: inspect it with GET /admin/dead-letters, fix the cause, then POST "
                + "/admin/dead-letters/<id>/replay", where(record), deadLetterTopic, cause.toString());
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.error("{}: could not dead-letter the record ({}); it will be retried", where(record), failure.toString());
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return "group " + KafkaUtils.getConsumerGroupId() + ", " + record.topic() + "-" + record.partition()
                + "@" + record.offset() + " (key " + record.key() + ")";
    }
}
