package dev.cqrs.orders.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses ADMIN_USERS ({@code name:password,name2:password2}); a malformed value stops the start with a clear message. */
public final class AdminUsers {

    private AdminUsers() {
    }

    /** Empty or blank gives no users (every protected request is then refused). */
    public static List<AdminUser> parse(String value) {
        List<AdminUser> users = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return users;
        }
        Set<String> names = new HashSet<>();
        int position = 0;
        for (String entry : value.split(",")) {
            position++;
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            // The name ends at the first colon; the password may contain colons (not commas).
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("ADMIN_USERS entry " + position
                        + " is not 'name:password' (a name, a colon, a non-empty password; entries separated by commas)");
            }
            String name = trimmed.substring(0, colon).trim();
            if (name.isEmpty() || !names.add(name)) {
                throw new IllegalArgumentException("ADMIN_USERS entry " + position + " has "
                        + (name.isEmpty() ? "an empty" : "a duplicate") + " user name");
            }
            users.add(new AdminUser(name, trimmed.substring(colon + 1)));
        }
        return users;
    }
}
