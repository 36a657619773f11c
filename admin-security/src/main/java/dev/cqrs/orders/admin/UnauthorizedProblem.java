package dev.cqrs.orders.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** The 401 answer: RFC 9457 problem+json that says what to send, with the Basic challenge. */
final class UnauthorizedProblem implements AuthenticationEntryPoint {

    static final String REALM = "orders-admin";
    static final String DETAIL = "This endpoint needs HTTP Basic credentials of an operator listed in ADMIN_USERS"
            + " (name:password entries; in Kubernetes the Secret orders-admin).";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        ProblemJson.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", DETAIL, request.getRequestURI());
    }
}
