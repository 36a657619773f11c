package dev.cqrs.orders.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;

/** The answers every transition documents: they share one state machine, one version check and one error mapping. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "204", description = "Done",
        headers = @Header(name = "ETag", description = "The order's new version", schema = @Schema(type = "string")))
@ApiResponse(responseCode = "400", description = "A malformed order id, If-Match header or body",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No order has this id",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "409", description = "The state machine refuses the transition, or a concurrent command won",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "412", description = "If-Match named a version the order is no longer at; nothing changed."
        + " The ETag header carries the current version when it is known",
        headers = @Header(name = "ETag", description = "The order's current version", schema = @Schema(type = "string")),
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "The order store is unavailable, or the service has as many commands"
        + " in progress as it takes (type /problems/overloaded); retry after Retry-After",
        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                schema = @Schema(type = "integer")),
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@interface TransitionResponses {
}
