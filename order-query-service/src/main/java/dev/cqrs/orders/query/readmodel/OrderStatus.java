package dev.cqrs.orders.query.readmodel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The status of an order as the read models show it. */
public enum OrderStatus {
    CREATED, CONFIRMED, SHIPPED, CANCELLED;

    /** The status with this name, ignoring case; empty when there is none. */
    public static Optional<OrderStatus> parse(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(status -> status.name().equals(wanted)).findFirst();
    }
}
