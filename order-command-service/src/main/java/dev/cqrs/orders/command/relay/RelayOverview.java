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
 * @param oldestUnpublishedAgeSeconds while WAL is pending: age of the oldest WAL the slot has not confirmed (an upper
 *                              bound of the oldest pending event's age; with the heartbeat, an idle outbox stays
 *                              within the heartbeat interval plus the 5 s sampling); 0 when nothing is pending; null
 *                              when the slot does not exist
 * @param retainedBytes         WAL the slot keeps on the server's disk (newest position minus restart_lsn); null when
 *                              the slot does not exist or was invalidated
 * @param slotWalStatus         the slot's wal_status: reserved, extended, unreserved (past max_slot_wal_keep_size,
 *                              about to be lost) or lost (invalidated: the relay cannot resume, see
 *                              docs/replication-slot.md); null when the slot does not exist
 */
record RelayOverview(String instanceId, String leaderInstanceId, boolean leader, String state, long publishedCount,
                     Instant lastPublishedAt, String currentWalLsn, String confirmedFlushLsn, Long lagBytes,
                     Double oldestUnpublishedAgeSeconds, Long retainedBytes, String slotWalStatus) {
}
