package dev.cqrs.orders.qa.faults;

import java.time.Instant;

import dev.cqrs.orders.qa.load.Progress;

/**
 * One injected fault.
 *
 * @param startMillis    ms since the run started
 * @param momentMet      whether it met the moment it waited for (requests in flight, records pending, a 2xx to kill
 *                       after, load flowing); one that had to be injected without it tested less than planned
 * @param killedAck      for {@link FaultKind#KILL_COMMAND_AFTER_COMMIT}: the command whose 2xx triggered the kill
 * @param recordsRewound for {@link FaultKind#REWIND_QUERY_OFFSETS}: records its groups went back, in all
 */
public record FaultEvent(int number, FaultKind kind, long startMillis, Instant startedAt, long durationMillis, String detail,
                         String error, boolean momentMet, Progress.Ack killedAck, Instant killedAt, long recordsRewound) {
}
