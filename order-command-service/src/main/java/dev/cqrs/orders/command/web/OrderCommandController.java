package dev.cqrs.orders.command.web;

import java.net.URI;
import java.util.UUID;

import dev.cqrs.orders.command.order.CancelOrder;
import dev.cqrs.orders.command.order.CommandBus;
import dev.cqrs.orders.command.order.ConfirmOrder;
import dev.cqrs.orders.command.order.OrderRef;
import dev.cqrs.orders.command.order.ShipOrder;
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
 * If-Match changes the order only while it is still at that version (412 otherwise); without it, as before.
 */
@RestController
@RequestMapping("/orders")
class OrderCommandController {

    private static final String IF_MATCH = "If-Match";

    private final CommandBus commands;

    OrderCommandController(CommandBus commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<OrderCreatedResponse> create(@RequestBody CreateOrderRequest request,
                                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        OrderRef ref = commands.dispatch(request.toCommand(idempotencyKey));
        return ResponseEntity.created(URI.create("/orders/" + ref.orderId()))
                .eTag(OrderETags.of(ref.version()))
                .body(new OrderCreatedResponse(ref.orderId()));
    }

    @PostMapping("/{orderId}/confirm")
    ResponseEntity<Void> confirm(@PathVariable UUID orderId, @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return noContent(commands.dispatch(new ConfirmOrder(orderId, OrderETags.parseIfMatch(ifMatch))));
    }

    @PostMapping("/{orderId}/ship")
    ResponseEntity<Void> ship(@PathVariable UUID orderId, @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return noContent(commands.dispatch(new ShipOrder(orderId, OrderETags.parseIfMatch(ifMatch))));
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<Void> cancel(@PathVariable UUID orderId, @RequestBody CancelOrderRequest request,
                                @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return noContent(commands.dispatch(new CancelOrder(orderId, request.reason(), OrderETags.parseIfMatch(ifMatch))));
    }

    private static ResponseEntity<Void> noContent(OrderRef ref) {
        return ResponseEntity.noContent().eTag(OrderETags.of(ref.version())).build();
    }
}
