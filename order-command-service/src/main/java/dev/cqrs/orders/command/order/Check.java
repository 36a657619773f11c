package dev.cqrs.orders.command.order;

import java.util.Currency;

/** Input checks for commands; every failure is an {@link InvalidCommandException}, which the web layer maps to 400. */
final class Check {

    private Check() {
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new InvalidCommandException(message);
        }
    }

    static <T> T notNull(T value, String field) {
        that(value != null, field + " is required");
        return value;
    }

    static String notBlank(String value, String field, int maxLength) {
        notNull(value, field);
        that(!value.isBlank(), field + " must not be blank");
        that(value.length() <= maxLength, field + " must be at most " + maxLength + " characters");
        return value;
    }

    static String currency(String code) {
        notNull(code, "currency");
        that(code.matches("[A-Z]{3}"), "currency must be an ISO 4217 code such as EUR");
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("currency '" + code + "' is not an ISO 4217 code");
        }
        return code;
    }
}
