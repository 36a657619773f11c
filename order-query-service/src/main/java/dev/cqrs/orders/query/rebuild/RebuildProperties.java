package dev.cqrs.orders.query.rebuild;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of read-model rebuilds, bound from {@code orders.query.rebuild.*}.
 *
 * @param batchSize           records per poll, and so per checkpoint
 * @param parallelism         threads applying one poll's records, each taking whole partitions so that every order's
 *                            events stay in order; a rebuild's pace is bound by round trips to MongoDB, not by CPU
 * @param maxEventsPerSecond  a cap on the rebuild's pace so that it cannot starve live traffic of MongoDB; 0 for none
 * @param switchMaxLag        the switch happens once the rebuild is at most this many records behind the topic's end
 * @param drain               how long the rebuild keeps following the topic after the switch, so that events other
 *                            replicas applied to the old generation before they saw the switch reach the new one too;
 *                            must exceed {@code orders.query.read-models.alias-refresh-interval}
 * @param lease               how long a replica's claim on a running rebuild lasts without renewal; after a crash
 *                            another replica (or the restarted one) resumes it once the lease expired
 * @param resumeCheckInterval how often each replica looks for abandoned rebuilds to resume
 * @param pollTimeout         the longest a rebuild's consumer waits for records in one poll
 */
@ConfigurationProperties("orders.query.rebuild")
record RebuildProperties(int batchSize, int parallelism, long maxEventsPerSecond, long switchMaxLag, Duration drain, Duration lease,
                         Duration resumeCheckInterval, Duration pollTimeout) {

    RebuildProperties {
        if (batchSize < 1 || parallelism < 1 || maxEventsPerSecond < 0 || switchMaxLag < 0) {
            throw new IllegalArgumentException("orders.query.rebuild needs batch-size >= 1, parallelism >= 1, "
                    + "max-events-per-second >= 0 and switch-max-lag >= 0, got " + batchSize + ", " + parallelism + ", "
                    + maxEventsPerSecond + ", " + switchMaxLag);
        }
        if (drain == null || lease == null || resumeCheckInterval == null || pollTimeout == null || drain.isNegative()
                || pollTimeout.isNegative() || pollTimeout.isZero() || resumeCheckInterval.isNegative()
                || resumeCheckInterval.isZero() || lease.compareTo(pollTimeout.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("orders.query.rebuild needs drain >= 0, positive poll-timeout and "
                    + "resume-check-interval, and lease >= 3 x poll-timeout; got drain " + drain + ", lease " + lease
                    + ", resume-check-interval " + resumeCheckInterval + ", poll-timeout " + pollTimeout);
        }
    }
}
