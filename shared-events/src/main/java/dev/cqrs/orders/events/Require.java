package dev.cqrs.orders.events;

import java.util.Currency;

/** Argument checks shared by the event records, so that every invariant fails with the same kind of message. */
final class Require {

    private Require() {
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String notBlank(String value, String field, int maxLength) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String isoCurrency(String code) {
        notNull(code, "currency");
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, got '" + code + "'");
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + code + "' is not an ISO 4217 code");
        }
        return code;
    }
}
