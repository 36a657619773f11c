package dev.cqrs.orders.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall checks every request, public APIs included, and refuses paths such as an encoded slash,
 * a semicolon or {@code ..}: those get a 400 problem+json like any other bad input, not a bare error page.
 */
final class RejectedRequestProblem implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequestProblem.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException reason)
            throws IOException {
        log.debug("refused request path: {}", reason.getMessage());
        ProblemJson.write(response, HttpServletResponse.SC_BAD_REQUEST, "Invalid request path",
                "The path contains a sequence this service refuses (an encoded slash, backslash or percent sign, a"
                        + " semicolon, '.' or '..' segments, or a control character).",
                request.getRequestURI());
    }
}
