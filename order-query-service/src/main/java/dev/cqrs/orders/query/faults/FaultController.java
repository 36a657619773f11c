package dev.cqrs.orders.query.faults;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.admin.AdminAudit;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.problems.BadQueryException;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/faults}: makes one read model's projection fail for one order, for drills and end-to-end tests. */
@RestController
@ConditionalOnBooleanProperty("orders.query.faults.enabled")
class FaultController {

    private static final Logger log = LoggerFactory.getLogger(FaultController.class);

    private final InjectedFaults faults;
    private final AdminAudit audit;
    private final List<String> readModels;

    FaultController(InjectedFaults faults, AdminAudit audit, List<ReadModel> readModels) {
        this.faults = faults;
        this.audit = audit;
        this.readModels = readModels.stream().map(ReadModel::name).sorted().toList();
    }

    @GetMapping("/admin/faults")
    List<Fault> list() {
        return faults.all().stream().sorted(Comparator.comparing(Fault::readModel).thenComparing(Fault::orderId)).toList();
    }

    @PostMapping("/admin/faults")
    @ResponseStatus(HttpStatus.CREATED)
    Fault inject(@RequestBody FaultRequest request) {
        Fault fault = validated(request.readModel(), request.orderId());
        boolean added = faults.inject(fault);
        audit.record("fault.inject", fault.readModel() + "/" + fault.orderId(), added ? "injected" : "already-injected");
        log.warn("Fault injected: read model {} now fails every event of order {} until DELETE /admin/faults/{}/{}",
                fault.readModel(), fault.orderId(), fault.readModel(), fault.orderId());
        return fault;
    }

    /** Answers the cleared fault (200) rather than 204: every answer of ours is a DTO. */
    @DeleteMapping("/admin/faults/{readModel}/{orderId}")
    Fault clear(@PathVariable String readModel, @PathVariable String orderId) {
        Fault fault = validated(readModel, orderId);
        boolean cleared = faults.clear(fault);
        audit.record("fault.clear", fault.readModel() + "/" + fault.orderId(), cleared ? "cleared" : "not-found");
        if (!cleared) {
            throw new NotFoundException("No such fault", "No fault is injected for read model " + readModel
                    + " and order " + orderId + "; GET /admin/faults lists the injected ones.");
        }
        log.info("Fault cleared: read model {} applies order {} again (replay its dead letters to catch up)",
                readModel, orderId);
        return fault;
    }

    private Fault validated(String readModel, String orderId) {
        if (readModel == null || !readModels.contains(readModel)) {
            throw new BadQueryException("Unknown read model",
                    "readModel must be one of " + readModels + ", not '" + readModel + "'");
        }
        try {
            return new Fault(readModel, UUID.fromString(orderId == null ? "" : orderId).toString());
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("Invalid order id", "orderId must be a UUID, not '" + orderId + "'");
        }
    }
}
