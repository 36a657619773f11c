package dev.cqrs.orders.apiauth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.cqrs.orders.admin.ProblemJson;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 401 and 403 answers of the public APIs: Spring Security's RFC 6750 {@code WWW-Authenticate: Bearer} challenge
 * (error, error_description, scope), with an RFC 9457 problem+json body that says what to send.
 */
final class BearerProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "orders";

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

    BearerProblems() {
        challenge.setRealmName(REALM);
        denied.setRealmName(REALM);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        challenge.commence(request, response, reason);
        String detail = reason.getMessage() == null || reason.getMessage().startsWith("Full authentication")
                ? "This API needs an OAuth2 bearer token: Authorization: Bearer <JWT> (locally: ./run token customer <id>)."
                : "The bearer token was refused: " + reason.getMessage();
        ProblemJson.write(response, response.getStatus(), "Unauthorized", detail, request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException reason)
            throws IOException {
        denied.handle(request, response, reason);
        String needed = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? ApiScopes.READ : ApiScopes.WRITE;
        ProblemJson.write(response, response.getStatus(), "Forbidden", "The token lacks the scope this request needs: "
                + needed + ".", request.getRequestURI());
    }
}
