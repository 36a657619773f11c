package dev.cqrs.orders.query.orderview;

import dev.cqrs.orders.apiauth.Caller;
import dev.cqrs.orders.query.problems.CommonReadResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.query.problems.BadQueryException;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /orders/{orderId}}: one order, with its version as the ETag. With {@code minVersion} (read-your-writes)
 * the answer waits, without holding a servlet thread, until the view reaches that version or {@code waitMs} passes;
 * then {@value #STALE_HEADER} and {@value #VERSION_HEADER} say whether it got there and which version it has.
 */
@RestController
@Tag(name = "orders")
class OrderViewController {

    static final String VERSION_HEADER = "X-Read-Model-Version";
    static final String STALE_HEADER = "X-Read-Model-Stale";

    private final GetOrderHandler handler;
    private final OrderVersionWaiters waiters;
    private final ReadYourWritesProperties properties;

    OrderViewController(GetOrderHandler handler, OrderVersionWaiters waiters, ReadYourWritesProperties properties) {
        this.handler = handler;
        this.waiters = waiters;
        this.properties = properties;
    }

    @GetMapping("/orders/{orderId}")
    @Operation(summary = "One order", description = "The order view, with its version as the ETag (If-None-Match"
            + " answers 304). With minVersion, read-your-writes: the answer waits, up to waitMs, until the view has at"
            + " least that version, typically the ETag a command answered.")
    @Parameter(name = "minVersion", in = ParameterIn.QUERY, description = "The version to wait for (at least 1)",
            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
    @Parameter(name = "waitMs", in = ParameterIn.QUERY, description = "With minVersion: how long the client waits, in ms;"
            + " the server's default when absent, its maximum (5 s unless configured) when larger. The answer comes a tenth"
            + " of it (at most 500 ms) before, so that it reaches the client in time",
            schema = @Schema(type = "integer", format = "int64", minimum = "0"))
    @ApiResponse(responseCode = "200", description = "The order. With minVersion, X-Read-Model-Stale says whether it"
            + " reached that version before the wait ended",
            headers = {@Header(name = "ETag", description = "The view's version", schema = @Schema(type = "string")),
                    @Header(name = VERSION_HEADER, description = "With minVersion: the view's version",
                            schema = @Schema(type = "integer")),
                    @Header(name = STALE_HEADER, description = "With minVersion: true when the wait ended before the"
                            + " view reached minVersion", schema = @Schema(type = "boolean"))})
    @ApiResponse(responseCode = "304", description = "If-None-Match named the current ETag")
    @ApiResponse(responseCode = "404", description = "No such order in the read model (yet): it is updated"
            + " asynchronously. With minVersion, after the wait, with X-Read-Model-Stale: true",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @CommonReadResponses
    ResponseEntity<OrderView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID orderId) {
        OrderView view = handler.handle(new GetOrder(orderId)).filter(found -> caller.mayAccess(found.customerId())).orElseThrow(() -> new NotFoundException(
                "Order not found",
                "No order " + orderId + " in the read model. It is updated asynchronously: if the order was just "
                        + "placed, retry in a moment or pass the ETag you got as ?minVersion= to wait for it."));
        // Spring answers a matching If-None-Match with 304 itself when the response carries an ETag.
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }

    @GetMapping(value = "/orders/{orderId}", params = "minVersion")
    @Operation(hidden = true) // described with get(): one path and method, one operation in the contract
    CompletableFuture<ResponseEntity<OrderView>> getAtLeast(@Parameter(hidden = true) Caller caller,
                                                            @PathVariable UUID orderId,
                                                            @RequestParam long minVersion,
                                                            @RequestParam(required = false) Long waitMs) {
        if (minVersion < 1) {
            throw new BadQueryException("Invalid minVersion", "'minVersion' must be at least 1 (versions start at 1), got "
                    + minVersion);
        }
        if (waitMs != null && waitMs < 0) {
            throw new BadQueryException("Invalid waitMs", "'waitMs' must not be negative, got " + waitMs);
        }
        Duration wait = waitMs == null ? properties.defaultWait() : Duration.ofMillis(waitMs);
        // Clamped rather than refused: a client asking for longer still gets the longest wait the server allows.
        if (wait.compareTo(properties.maxWait()) > 0) {
            wait = properties.maxWait();
        }
        GetOrder query = new GetOrder(orderId, minVersion, wait);
        return waiters.await(query).thenCompose(awaited -> {
            if (awaited.view().map(view -> caller.mayAccess(view.customerId())).orElse(true)) {
                return CompletableFuture.completedFuture(answer(query, awaited));
            }
            // Another customer's order answers like a missing one, and as late, so that not even timing tells it exists.
            AwaitedView missing = new AwaitedView(java.util.Optional.empty(), false, query.maxWait());
            long rest = Math.max(0, query.maxWait().minus(awaited.waited()).toMillis());
            return CompletableFuture.supplyAsync(() -> answer(query, missing),
                    CompletableFuture.delayedExecutor(rest, TimeUnit.MILLISECONDS));
        });
    }

    private static ResponseEntity<OrderView> answer(GetOrder query, AwaitedView awaited) {
        String current = Long.toString(awaited.currentVersion());
        String stale = Boolean.toString(!awaited.reached());
        OrderView view = awaited.view().orElseThrow(() -> new NotFoundException("Order not found",
                "No order " + query.orderId() + " in the read model after waiting " + awaited.waited().toMillis()
                        + " ms for version " + query.minVersion() + ". The command side may not have committed it, or "
                        + "the read model is behind: retry, or check the lag at /admin/read-models.",
                Map.of("minVersion", query.minVersion(), "currentVersion", 0L, "waitedMs", awaited.waited().toMillis()),
                Map.of(VERSION_HEADER, current, STALE_HEADER, stale)));
        return ResponseEntity.ok()
                .eTag(Long.toString(view.version()))
                .header(VERSION_HEADER, current)
                .header(STALE_HEADER, stale)
                .body(view);
    }
}
