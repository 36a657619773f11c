package dev.cqrs.orders.query.customersummary;

import dev.cqrs.orders.query.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /customers/{customerId}/summary}: a customer's orders counted by status, totals per currency, last order. */
@RestController
class CustomerSummaryController {

    private final GetCustomerSummaryHandler handler;

    CustomerSummaryController(GetCustomerSummaryHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/customers/{customerId}/summary")
    ResponseEntity<CustomerSummary> get(@PathVariable String customerId) {
        CustomerSummary summary = handler.handle(new GetCustomerSummary(customerId)).orElseThrow(() ->
                new NotFoundException("Customer not found", "No orders of customer '" + customerId + "' in the read "
                        + "model. It is updated asynchronously: if the first order was just placed, retry in a moment."));
        return ResponseEntity.ok(summary);
    }
}
