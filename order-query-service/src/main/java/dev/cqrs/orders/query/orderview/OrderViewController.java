package dev.cqrs.orders.query.orderview;

import java.util.UUID;

import dev.cqrs.orders.query.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders/{orderId}}: one order, with its version as the ETag. */
@RestController
class OrderViewController {

    private final GetOrderHandler handler;

    OrderViewController(GetOrderHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/orders/{orderId}")
    ResponseEntity<OrderView> get(@PathVariable UUID orderId) {
        OrderView view = handler.handle(new GetOrder(orderId)).orElseThrow(() -> new NotFoundException(
                "Order not found",
                "No order " + orderId + " in the read model. It is updated asynchronously: if the order was just "
                        + "placed, retry in a moment."));
        // Spring answers a matching If-None-Match with 304 itself when the response carries an ETag.
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }
}
