package dev.cqrs.orders.command.relay;

import java.time.Instant;

/**
 * The relay as {@code GET /admin/relay} shows it: who leads, what this replica did, and how far the slot trails.
 *
 * @param instanceId            this replica's id (its lock connection's application_name)
 * @param leaderInstanceId      the id of the replica holding the relay lock, null when none holds it
 * @param leader                whether this replica is the leader
 * @param state                 this replica's relay state (a standby is STOPPED)
 * @param publishedCount        events this replica published since it started
 * @param lastPublishedAt       when this replica last published, null if never
 * @param currentWalLsn         the newest WAL position of the server
 * @param confirmedFlushLsn     the position the relay has confirmed on its slot, null when the slot does not exist
 * @param lagBytes              currentWalLsn minus confirmedFlushLsn, null when the slot does not exist
 * @param oldestUnpublishedAgeSeconds while WAL is pending: seconds since the commit of the newest event the leader
 *                              published (an upper bound of the oldest pending event's age); 0 when nothing is
 *                              pending; null when this replica does not lead (only the leader knows)
 */
record RelayOverview(String instanceId, String leaderInstanceId, boolean leader, String state, long publishedCount,
                     Instant lastPublishedAt, String currentWalLsn, String confirmedFlushLsn, Long lagBytes,
                     Double oldestUnpublishedAgeSeconds) {
}
