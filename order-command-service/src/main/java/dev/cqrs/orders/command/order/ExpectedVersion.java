package dev.cqrs.orders.command.order;

import java.util.Set;

/**
 * The versions a client said the order must still be at (its If-Match), or {@link #ANY} when it named none. A command
 * with a precondition changes nothing when the order has moved on, so a client never acts on a state it did not see.
 *
 * @param versions the versions that satisfy the precondition; empty together with {@code any} false means none does
 *                 (RFC 9110: a weak entity tag never matches If-Match)
 */
public record ExpectedVersion(boolean any, Set<Long> versions) {

    public static final ExpectedVersion ANY = new ExpectedVersion(true, Set.of());

    public ExpectedVersion {
        Check.notNull(versions, "versions");
        versions = Set.copyOf(versions);
        Check.that(!any || versions.isEmpty(), "a precondition is either any version or a list of versions");
    }

    public static ExpectedVersion oneOf(Set<Long> versions) {
        return new ExpectedVersion(false, versions);
    }

    /** Refuses an order that the precondition does not hold for. */
    void check(Order order) {
        if (!holdsFor(order.version())) {
            throw PreconditionFailedException.at(order.id(), this, order.version());
        }
    }

    boolean holdsFor(long version) {
        return any || versions.contains(version);
    }
}
