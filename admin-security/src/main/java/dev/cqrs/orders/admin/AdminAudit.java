package dev.cqrs.orders.admin;

import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Writes one line per admin action to the logger {@code orders.audit}:
 * {@code AUDIT user=<name> action=<action> target=<id> outcome=<outcome>}, so who replayed or discarded what can be
 * found (and shipped to a separate sink by logger name).
 */
public class AdminAudit {

    static final String LOGGER = "orders.audit";
    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    /**
     * Runs {@code action} for the user of this request thread and records it: {@code outcome} of the result, or
     * {@code refused:<ExceptionName>} when it throws (the exception goes on to the error handling unchanged).
     */
    public <T> T audited(String action, String target, Supplier<T> work, Function<? super T, String> outcome) {
        return audited(currentUser(), action, target, work, outcome);
    }

    /** As {@link #audited(String, String, Supplier, Function)}, for a user named by the caller. */
    public <T> T audited(String user, String action, String target, Supplier<T> work, Function<? super T, String> outcome) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            record(user, action, target, "refused:" + e.getClass().getSimpleName());
            throw e;
        }
        record(user, action, target, outcome.apply(result));
        return result;
    }

    /** Records an action of the user authenticated on this request thread. */
    public void record(String action, String target, String outcome) {
        record(currentUser(), action, target, outcome);
    }

    public void record(Authentication authentication, String action, String target, String outcome) {
        record(nameOf(authentication), action, target, outcome);
    }

    public void record(String user, String action, String target, String outcome) {
        audit.info("AUDIT user={} action={} target={} outcome={}",
                token(user == null ? "anonymous" : user), token(action), token(target), token(outcome));
    }

    /** One token per field: no spaces or line breaks, so a crafted id cannot forge a second audit line. */
    static String token(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return value.replaceAll("[\\s\\p{Cntrl}]", "_");
    }

    private static String currentUser() {
        return nameOf(SecurityContextHolder.getContext().getAuthentication());
    }

    /** Null (logged as anonymous) for no authentication and for Spring Security's anonymous token. */
    private static String nameOf(Authentication authentication) {
        return authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken ? null : authentication.getName();
    }
}
