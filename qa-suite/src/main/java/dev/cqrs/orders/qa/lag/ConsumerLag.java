package dev.cqrs.orders.qa.lag;

import java.util.SortedMap;

/** How far behind the query service's consumer groups are: records of the topic each group has not committed yet. */
public interface ConsumerLag extends AutoCloseable {

    /** Per consumer group, its records not yet committed; empty when no group of the query service is found. */
    SortedMap<String, Long> lagByGroup();

    /** From now on, count only figures measured after {@code moment} (for a source that measures on its own clock). */
    default void freshAfter(java.time.Instant moment) {
    }

    /** Where the figures come from, for the report. */
    String source();

    @Override
    void close();
}
