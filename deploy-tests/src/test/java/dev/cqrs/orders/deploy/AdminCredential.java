package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the deployments must agree on about the operators' credential (contract A): the variable ADMIN_USERS, always
 * from the Secret orders-admin (never written into a manifest or ConfigMap), and the switches that only tests may set.
 */
final class AdminCredential {

    static final String VARIABLE = "ADMIN_USERS";
    static final String SECRET = "orders-admin";
    static final String KEY = "ADMIN_USERS";
    /** Test-only switches (default off) that no deployment may turn on: the query service's fault injection. */
    static final Set<String> TEST_ONLY_SWITCHES = Set.of("QUERY_FAULTS_ENABLED");
    /** compose must take the value from .env, e.g. {@code ${ADMIN_USERS:?set ADMIN_USERS in .env}}. */
    static final Pattern COMPOSE_SUBSTITUTION = Pattern.compile("\\$\\{" + VARIABLE + "(?::?[-?][^}]*)?}");

    private AdminCredential() {
    }

    /** Whether {@code name} is the Secret orders-admin, possibly with the hash suffix a kustomize generator adds. */
    static boolean isAdminSecret(String name) {
        return name != null && name.matches(Pattern.quote(SECRET) + "(-[a-z0-9]{10})?");
    }

    /**
     * Problems with a value of ADMIN_USERS as admin-security reads it: comma-separated {@code name:password}, a password
     * optionally prefixed {@code {bcrypt}} or {@code {noop}}. An empty value is a problem here: it locks everyone out.
     */
    static List<String> problemsOf(String where, String value) {
        List<String> problems = new ArrayList<>();
        if (value == null || value.isBlank()) {
            problems.add(where + ": ADMIN_USERS is empty, so every admin request would be refused (401)");
            return problems;
        }
        Set<String> names = new HashSet<>();
        int position = 0;
        for (String entry : value.split(",")) {
            position++;
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            // As admin-security reads it: the name ends at the first colon, the password may contain colons.
            int colon = trimmed.indexOf(':');
            String name = colon < 0 ? trimmed : trimmed.substring(0, colon).strip();
            String password = colon < 0 ? "" : trimmed.substring(colon + 1);
            if (colon < 0 || name.isEmpty() || password.isEmpty()) {
                problems.add(where + ": ADMIN_USERS entry " + position + " is not name:password");
            } else if (!names.add(name)) {
                problems.add(where + ": ADMIN_USERS entry " + position + " repeats the user " + name);
            } else if (password.startsWith("{bcrypt}") && !password.matches("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}")) {
                problems.add(where + ": ADMIN_USERS entry " + position + " (" + name + ") has a {bcrypt} password that is "
                        + "no bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters)");
            }
        }
        if (names.isEmpty() && problems.isEmpty()) {
            problems.add(where + ": ADMIN_USERS has no entries, so every admin request would be refused (401)");
        }
        return problems;
    }
}
