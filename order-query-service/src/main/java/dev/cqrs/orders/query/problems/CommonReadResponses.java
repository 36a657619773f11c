package dev.cqrs.orders.query.problems;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;

/** The errors every query documents, as {@link ProblemDetailsAdvice} answers them. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "400", description = "A malformed path or query parameter",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "The read model's store is unavailable, or too many requests wait for"
        + " the service's threads (refused at once rather than answered late); retry after Retry-After",
        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                schema = @Schema(type = "integer")),
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
public @interface CommonReadResponses {
}
