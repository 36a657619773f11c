package dev.cqrs.orders.query.orderlist;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders}: order summaries, newest first, filtered and paged with an opaque cursor. */
@RestController
class OrderListController {

    private final ListOrdersHandler handler;

    OrderListController(ListOrdersHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/orders")
    ResponseEntity<OrderPage> list(@RequestParam(required = false) String customerId,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String after) {
        return ResponseEntity.ok(handler.handle(ListOrders.fromRequest(customerId, status, limit, after)));
    }
}
