package dev.cqrs.orders.webapi;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that may refuse a request (admission control): before Spring Security's chain, so that a refusal costs no
 * signature check, and after the observation filter, so that a refusal is still measured.
 */
public abstract class EarlyRefusalFilter extends OncePerRequestFilter implements Ordered {

    /** Spring Security's chain is at -100. */
    public static final int ORDER = -200;

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The request's path within the application, without its context path. */
    protected static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
