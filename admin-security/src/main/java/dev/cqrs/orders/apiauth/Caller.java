package dev.cqrs.orders.apiauth;

import java.util.Objects;

/**
 * Who sends a request to a public API: a customer (the token's subject), staff, or anyone when the API runs without
 * authentication (API_AUTH_ENABLED=false). Controllers take it as a parameter and decide with it what the request may
 * see and change.
 *
 * @param customerId the customer the token speaks for; null for staff and for an API without authentication
 * @param staff      whether the caller may act on and read every order
 */
public record Caller(String customerId, boolean staff) {

    /** The caller of an API that runs without authentication: what it may do is not restricted. */
    public static final Caller UNRESTRICTED = new Caller(null, true);

    public Caller {
        if (!staff) {
            Objects.requireNonNull(customerId, "a customer caller needs a customer id");
        }
    }

    public static Caller customer(String customerId) {
        return new Caller(customerId, false);
    }

    /** Whether this caller may read and change an order of {@code ownerCustomerId}. */
    public boolean mayAccess(String ownerCustomerId) {
        return staff || customerId.equals(ownerCustomerId);
    }

    /**
     * The customer a request names (in its body or query), checked against the token: a customer may name only
     * itself, and staff any customer. Refused with 403 problem+json otherwise.
     */
    public String requireMayActFor(String namedCustomerId) {
        if (!staff && namedCustomerId != null && !customerId.equals(namedCustomerId)) {
            throw new CustomerMismatchException(namedCustomerId);
        }
        return namedCustomerId;
    }

    /** For a customer, its own id where a request named none; for staff, what the request named (maybe none). */
    public String customerOr(String namedCustomerId) {
        return namedCustomerId == null && !staff ? customerId : requireMayActFor(namedCustomerId);
    }
}
