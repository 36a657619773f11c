package dev.cqrs.orders.query.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.cqrs.orders.admin.AdminAudit;
import dev.cqrs.orders.query.problems.BadQueryException;
import dev.cqrs.orders.query.problems.ConflictException;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/dead-letters}: list, inspect, replay and discard the read models' dead letters. Every replay and
 * discard is written to the audit log (orders.audit) with the operator who asked.
 */
@RestController
class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;
    private final AdminAudit audit;

    DeadLetterController(DeadLetters deadLetters, AdminAudit audit) {
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    /** Newest first; {@code status} is OPEN by default, or REPLAYED, DISCARDED, ALL. */
    @GetMapping("/admin/dead-letters")
    ResponseEntity<List<DeadLetterSummary>> list(@RequestParam(required = false) String readModel,
                                                 @RequestParam(defaultValue = "OPEN") String status,
                                                 @RequestParam(defaultValue = "100") int limit) {
        if (readModel != null && !readModel.isBlank() && !deadLetters.readModels().contains(readModel)) {
            throw new BadQueryException("Unknown read model", "readModel must be one of " + deadLetters.readModels()
                    + ", got '" + readModel + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQueryException("Invalid limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        DeadLetter.Status wanted;
        try {
            wanted = "ALL".equalsIgnoreCase(status) ? null : DeadLetter.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("Invalid status", "status must be OPEN, REPLAYED, DISCARDED or ALL, got '" + status + "'");
        }
        String model = readModel == null || readModel.isBlank() ? null : readModel;
        return ResponseEntity.ok(deadLetters.list(model, wanted, limit).stream().map(DeadLetterSummary::of).toList());
    }

    @GetMapping("/admin/dead-letters/{id}")
    ResponseEntity<DeadLetter> show(@PathVariable String id) {
        return ResponseEntity.ok(deadLetters.get(id));
    }

    /** 200 with what happened (a failed replay too: the letter stays the head); 409 for a parked or closed letter. */
    @PostMapping("/admin/dead-letters/{id}/replay")
    ResponseEntity<ReplayOutcome> replay(@PathVariable String id) {
        return ResponseEntity.ok(audit.audited("dead-letter.replay", id, () -> deadLetters.replay(id),
                DeadLetterController::outcome));
    }

    @PostMapping("/admin/dead-letters/{id}/discard")
    ResponseEntity<ReplayOutcome> discard(@PathVariable String id) {
        return ResponseEntity.ok(audit.audited("dead-letter.discard", id, () -> deadLetters.discard(id),
                DeadLetterController::outcome));
    }

    @PostMapping("/admin/dead-letters/replay")
    ResponseEntity<List<BulkReplay.Result>> replayAll(@RequestBody BulkReplay.Request request) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw new BadQueryException("No ids", "The body must be {\"ids\": [\"<dead letter id>\", ...]}");
        }
        List<BulkReplay.Result> results = new ArrayList<>();
        // One audit line per id: a search for a letter's id finds who replayed it, however it was asked.
        for (String id : request.ids()) {
            try {
                results.add(new BulkReplay.Result(id, 200, audit.audited("dead-letters.replay", id,
                        () -> deadLetters.replay(id), DeadLetterController::outcome), null));
            } catch (NotFoundException e) {
                results.add(new BulkReplay.Result(id, 404, null, e.getMessage()));
            } catch (ConflictException e) {
                results.add(new BulkReplay.Result(id, 409, null, e.getMessage()));
            }
        }
        return ResponseEntity.ok(results);
    }

    /**
     * {@code replayed:<n>}, {@code replay-failed:<head id>} (the letter stays open), or for a discard
     * {@code discarded} followed by what happened to the letters parked behind it ({@code discarded+replayed:2}).
     */
    static String outcome(ReplayOutcome outcome) {
        int replayed = outcome.replayed() == null ? 0 : outcome.replayed().size();
        String replay = outcome.failed() != null ? "replay-failed:" + outcome.failed().id() : "replayed:" + replayed;
        if (!"discard".equals(outcome.action())) {
            return replay;
        }
        return replayed == 0 && outcome.failed() == null ? "discarded" : "discarded+" + replay;
    }
}
