package dev.cqrs.orders.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /** Records an action of the user authenticated on this request thread. */
    public void record(String action, String target, String outcome) {
        record(SecurityContextHolder.getContext().getAuthentication(), action, target, outcome);
    }

    public void record(Authentication authentication, String action, String target, String outcome) {
        record(authentication == null || !authentication.isAuthenticated() ? null : authentication.getName(),
                action, target, outcome);
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
}
