package dev.cqrs.orders.query.customersummary;

import dev.cqrs.orders.apiauth.Caller;
import dev.cqrs.orders.query.problems.CommonReadResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /customers/{customerId}/summary}: a customer's orders counted by status, totals per currency, last order. */
@RestController
@Tag(name = "customers")
class CustomerSummaryController {

    private final GetCustomerSummaryHandler handler;

    CustomerSummaryController(GetCustomerSummaryHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/customers/{customerId}/summary")
    @Operation(summary = "A customer's summary", description = "Orders counted by status, totals per currency, and the"
            + " last order.")
    @ApiResponse(responseCode = "200", description = "The summary")
    @ApiResponse(responseCode = "404", description = "No orders of this customer in the read model (yet)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @CommonReadResponses
    ResponseEntity<CustomerSummary> get(@Parameter(hidden = true) Caller caller, @PathVariable String customerId) {
        // Another customer's summary answers like a customer without orders: 404, nothing about whether it exists.
        CustomerSummary summary = handler.handle(new GetCustomerSummary(customerId))
                .filter(found -> caller.mayAccess(customerId)).orElseThrow(() ->
                new NotFoundException("Customer not found", "No orders of customer '" + customerId + "' in the read "
                        + "model. It is updated asynchronously: if the first order was just placed, retry in a moment."));
        return ResponseEntity.ok(summary);
    }
}
