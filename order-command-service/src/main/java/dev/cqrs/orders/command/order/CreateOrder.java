package dev.cqrs.orders.command.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Place a new order for a customer, in one currency, with one or more lines and an optional discount. An optional
 * idempotency key makes a retried request answer the first order instead of placing a second one. The limits on
 * lines keep {@code unitPriceCents * quantity} summed over 100 lines far below overflow.
 */
public record CreateOrder(String customerId, String currency, List<OrderLine> lines, long discountCents, String idempotencyKey)
        implements Command<OrderRef> {

    static final int MAX_CUSTOMER_ID_LENGTH = 64;
    static final int MAX_LINES = 100;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    public CreateOrder(String customerId, String currency, List<OrderLine> lines) {
        this(customerId, currency, lines, 0, null);
    }

    public CreateOrder(String customerId, String currency, List<OrderLine> lines, String idempotencyKey) {
        this(customerId, currency, lines, 0, idempotencyKey);
    }

    public CreateOrder {
        if (idempotencyKey != null) {
            Check.notBlank(idempotencyKey, "Idempotency-Key", MAX_IDEMPOTENCY_KEY_LENGTH);
            Check.that(idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f),
                    "Idempotency-Key must be printable ASCII without spaces");
        }
        Check.notBlank(customerId, "customerId", MAX_CUSTOMER_ID_LENGTH);
        Check.currency(currency);
        Check.notNull(lines, "items");
        Check.that(!lines.isEmpty(), "an order must have at least one item");
        Check.that(lines.size() <= MAX_LINES, "an order has at most " + MAX_LINES + " items");
        lines.forEach(line -> Check.notNull(line, "items[]"));
        lines = List.copyOf(lines);
        long gross = lines.stream().mapToLong(line -> line.unitPriceCents() * line.quantity()).sum();
        Check.that(discountCents >= 0 && discountCents <= gross,
                "discountCents must be between 0 and the order's total of " + gross + ", got " + discountCents);
    }

    /** A digest of what is ordered, without the key: a reused key must come with the same request. */
    String fingerprint() {
        StringBuilder canonical = new StringBuilder().append(customerId).append('\n').append(currency)
                .append('\n').append(discountCents);
        for (OrderLine line : lines) {
            canonical.append('\n').append(line.sku()).append('\t').append(line.quantity()).append('\t').append(line.unitPriceCents());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
