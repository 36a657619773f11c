package dev.cqrs.orders.query.orderlist;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.cqrs.orders.query.problems.BadQueryException;

/**
 * The position after which the next page starts: the sort key (createdAt, orderId) of the last item served.
 * Keyset paging is stable under concurrent inserts, unlike offsets. Clients treat the encoded form as opaque.
 */
record PageCursor(Instant createdAt, String orderId) {

    private static final String FORMAT = "v1";

    /** The opaque URL-safe text handed to clients. */
    String encode() {
        String plain = FORMAT + "|" + createdAt.toEpochMilli() + "|" + orderId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this service issued; anything else is the client's mistake, a 400. */
    static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3 || !FORMAT.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            Instant createdAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            // Round-trip the id so that only the canonical form this service writes is accepted.
            String orderId = UUID.fromString(parts[2]).toString();
            if (!orderId.equals(parts[2])) {
                throw new IllegalArgumentException("non-canonical order id");
            }
            return new PageCursor(createdAt, orderId);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new BadQueryException("Invalid cursor", "'after' must be the 'next' value of an earlier page, "
                    + "passed back unchanged; start again without 'after' to get the first page.");
        }
    }
}
