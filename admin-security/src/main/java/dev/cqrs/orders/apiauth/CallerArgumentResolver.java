package dev.cqrs.orders.apiauth;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller the {@link Caller} of the request, from the verified token (or unrestricted with auth off). */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final boolean authEnabled;

    CallerArgumentResolver(boolean authEnabled) {
        this.authEnabled = authEnabled;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        if (!authEnabled) {
            return Caller.UNRESTRICTED;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            // The filter chain lets no unauthenticated request through to a controller; reaching here is our bug.
            throw new IllegalStateException("no verified token for a request to the public API");
        }
        boolean staff = token.getAuthorities().stream()
                .anyMatch(granted -> ApiScopes.authority(ApiScopes.STAFF).equals(granted.getAuthority()));
        return staff ? new Caller(null, true) : Caller.customer(token.getToken().getSubject());
    }
}
