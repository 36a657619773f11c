package dev.cqrs.orders.query.orderlist;

import dev.cqrs.orders.apiauth.Caller;
import dev.cqrs.orders.query.problems.CommonReadResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders}: order summaries, newest first, filtered and paged with an opaque cursor. */
@RestController
@Tag(name = "orders")
class OrderListController {

    private final ListOrdersHandler handler;

    OrderListController(ListOrdersHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/orders")
    @Operation(summary = "Orders, newest first", description = "A page of order summaries, filtered by customer and"
            + " status; follow the page's next cursor with after= for the next page.")
    @ApiResponse(responseCode = "200", description = "A page (empty when nothing matches)")
    @CommonReadResponses
    ResponseEntity<OrderPage> list(@Parameter(hidden = true) Caller caller,
                                   @Parameter(description = "Only this customer's orders (a customer's token: its own,"
                                           + " the default; another customer's id is refused with 403)")
                                   @RequestParam(required = false) String customerId,
                                   @Parameter(description = "Only orders in this status: CREATED, CONFIRMED, SHIPPED or"
                                           + " CANCELLED") @RequestParam(required = false) String status,
                                   @Parameter(description = "Page size, 1 to " + ListOrders.MAX_LIMIT + " (default "
                                           + ListOrders.DEFAULT_LIMIT + ")") @RequestParam(required = false) Integer limit,
                                   @Parameter(description = "The next cursor of the previous page")
                                   @RequestParam(required = false) String after) {
        return ResponseEntity.ok(handler.handle(ListOrders.fromRequest(caller.customerOr(customerId), status, limit, after)));
    }
}
