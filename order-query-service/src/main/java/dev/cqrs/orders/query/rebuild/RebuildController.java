package dev.cqrs.orders.query.rebuild;

import java.net.URI;
import java.util.List;

import dev.cqrs.orders.admin.AdminAudit;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/rebuilds}: start a zero-downtime rebuild of a read model and follow its progress. Under
 * {@code /admin/} so that one rule can protect every operator endpoint.
 */
@RestController
class RebuildController {

    private final Rebuilds rebuilds;
    private final AdminAudit audit;

    RebuildController(Rebuilds rebuilds, AdminAudit audit) {
        this.rebuilds = rebuilds;
        this.audit = audit;
    }

    /** 202 with the status and its Location; 409 while one runs; 404 for an unknown read model. Audited. */
    @PostMapping("/admin/rebuilds/{readModel}")
    ResponseEntity<RebuildStatus> start(@PathVariable String readModel) {
        RebuildStatus status = audit.audited("rebuild.start", readModel, () -> rebuilds.start(readModel),
                started -> "started:generation-" + started.generation());
        return ResponseEntity.accepted().location(URI.create("/admin/rebuilds/" + readModel)).body(status);
    }

    @GetMapping("/admin/rebuilds/{readModel}")
    ResponseEntity<RebuildStatus> status(@PathVariable String readModel) {
        return ResponseEntity.ok(rebuilds.status(readModel).orElseThrow(() -> new NotFoundException("No rebuild yet",
                "No rebuild of " + readModel + " has been started; POST /admin/rebuilds/" + readModel + " starts one.")));
    }

    @GetMapping("/admin/rebuilds")
    ResponseEntity<List<RebuildStatus>> statuses() {
        return ResponseEntity.ok(rebuilds.statuses());
    }
}
