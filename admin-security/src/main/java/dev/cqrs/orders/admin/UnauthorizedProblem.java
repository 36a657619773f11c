package dev.cqrs.orders.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body(request.getRequestURI()));
    }

    /** Written by hand: the body is fixed apart from the path, and this needs no JSON mapper in the filter chain. */
    static String body(String instance) {
        return "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + escape(DETAIL)
                + "\",\"instance\":\"" + escape(instance) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
