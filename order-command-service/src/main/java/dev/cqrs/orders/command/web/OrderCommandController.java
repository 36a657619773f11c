package dev.cqrs.orders.command.web;

import java.net.URI;
import java.util.UUID;

import dev.cqrs.orders.apiauth.Caller;
import dev.cqrs.orders.command.order.Actor;
import dev.cqrs.orders.command.order.CancelOrder;
import dev.cqrs.orders.command.order.CommandBus;
import dev.cqrs.orders.command.order.ConfirmOrder;
import dev.cqrs.orders.command.order.OrderRef;
import dev.cqrs.orders.command.order.ShipOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command API. Each endpoint turns the request into one command and answers with the order id or nothing,
 * plus the version the command produced in the ETag, which a client can use to read its own write. A transition with
 * If-Match changes the order only while it is still at that version (412 otherwise); without it, whatever the version.
 * A customer's token acts only for that customer: another customer's order answers 404, another customer id 403.
 */
@RestController
@RequestMapping("/orders")
@Tag(name = "orders", description = "Commands on orders")
class OrderCommandController {

    private static final String IF_MATCH = "If-Match";
    private static final String PROBLEM = "application/problem+json";
    private static final String IF_MATCH_DOC = "The ETag the client last saw (e.g. \"2\"), or a list of them: the command"
            + " applies only while the order is still at one of those versions, else 412. A weak tag never matches; *"
            + " or no header: any version.";

    private final CommandBus commands;

    OrderCommandController(CommandBus commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Create an order", description = "Creates an order at version 1. With Idempotency-Key, a retry"
            + " of the same request answers the same order instead of creating another.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "/orders/{orderId}", schema = @Schema(type = "string")),
                    @Header(name = "ETag", description = "The order's version, \"1\"", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Invalid order: malformed JSON, a missing or invalid field",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used before with another request body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The order store is unavailable, or the service has as many commands"
            + " in progress as it takes (type /problems/overloaded); retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<OrderCreatedResponse> create(@Parameter(hidden = true) Caller caller, @RequestBody CreateOrderRequest request,
                                                @Parameter(description = "A key of the client's choice: a retry with the"
                                                        + " same key and body answers the order the first attempt created")
                                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        OrderRef ref = commands.dispatch(request.forCustomer(caller.customerOr(request.customerId())).toCommand(idempotencyKey));
        return ResponseEntity.created(URI.create("/orders/" + ref.orderId()))
                .eTag(OrderETags.of(ref.version()))
                .body(new OrderCreatedResponse(ref.orderId()));
    }

    @PostMapping("/{orderId}/confirm")
    @Operation(summary = "Confirm a created order")
    @TransitionResponses
    ResponseEntity<Void> confirm(@Parameter(hidden = true) Caller caller, @PathVariable UUID orderId,
                                 @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return noContent(commands.dispatch(new ConfirmOrder(orderId, OrderETags.parseIfMatch(ifMatch), actor(caller))));
    }

    @PostMapping("/{orderId}/ship")
    @Operation(summary = "Ship a confirmed order")
    @TransitionResponses
    ResponseEntity<Void> ship(@Parameter(hidden = true) Caller caller, @PathVariable UUID orderId,
                              @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return noContent(commands.dispatch(new ShipOrder(orderId, OrderETags.parseIfMatch(ifMatch), actor(caller))));
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel an order that has not shipped, saying why")
    @TransitionResponses
    ResponseEntity<Void> cancel(@Parameter(hidden = true) Caller caller, @PathVariable UUID orderId,
                                @RequestBody CancelOrderRequest request,
                                @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return noContent(commands.dispatch(new CancelOrder(orderId, request.reason(), OrderETags.parseIfMatch(ifMatch), actor(caller))));
    }

    /** A customer changes only its own orders; staff (and an API without authentication) any. */
    private static Actor actor(Caller caller) {
        return caller.staff() ? Actor.STAFF : Actor.customer(caller.customerId());
    }

    private static ResponseEntity<Void> noContent(OrderRef ref) {
        return ResponseEntity.noContent().eTag(OrderETags.of(ref.version())).build();
    }
}
