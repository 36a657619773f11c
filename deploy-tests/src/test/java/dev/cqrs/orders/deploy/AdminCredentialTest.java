package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading an ADMIN_USERS value the way admin-security does, and the Secret names the checks accept. */
class AdminCredentialTest {

    /** Spring Security's documented bcrypt hash of "password" (cost 10). */
    private static final String BCRYPT = "{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG";

    @Test
    void acceptsPlainNoopAndBcryptPasswords() {
        assertThat(AdminCredential.problemsOf("x", "operator:plain, prometheus:{noop}p:w, auditor:" + BCRYPT)).isEmpty();
        assertThat(AdminCredential.problemsOf("x", "operator:" + BCRYPT.replace("$2a$", "$2y$"))).isEmpty();
    }

    @Test
    void reportsValuesThatLockOperatorsOut() {
        assertThat(AdminCredential.problemsOf("x", "")).containsExactly("x: ADMIN_USERS is empty, so every admin request would be refused (401)");
        assertThat(AdminCredential.problemsOf("x", " , ")).anyMatch(p -> p.contains("has no entries"));
        assertThat(AdminCredential.problemsOf("x", "operator")).containsExactly("x: ADMIN_USERS entry 1 is not name:password");
        assertThat(AdminCredential.problemsOf("x", "a:1,:2,b:")).containsExactly(
                "x: ADMIN_USERS entry 2 is not name:password", "x: ADMIN_USERS entry 3 is not name:password");
        assertThat(AdminCredential.problemsOf("x", "a:1,a:2")).containsExactly("x: ADMIN_USERS entry 2 repeats the user a");
        assertThat(AdminCredential.problemsOf("x", "a:{bcrypt}password")).anyMatch(p -> p.contains("no bcrypt hash"));
    }

    @Test
    void theSecretMayCarryAGeneratorsHashSuffix() {
        assertThat(AdminCredential.isAdminSecret("orders-admin")).isTrue();
        assertThat(AdminCredential.isAdminSecret("orders-admin-fhb4fd8gg9")).isTrue();
        assertThat(AdminCredential.isAdminSecret("orders-admin-copy")).isFalse();
        assertThat(AdminCredential.isAdminSecret("order-command-db")).isFalse();
    }

    @Test
    void composeMustSubstituteTheValueFromDotEnv() {
        assertThat(AdminCredential.COMPOSE_SUBSTITUTION.matcher("${ADMIN_USERS:?set it in .env}").matches()).isTrue();
        assertThat(AdminCredential.COMPOSE_SUBSTITUTION.matcher("${ADMIN_USERS}").matches()).isTrue();
        assertThat(AdminCredential.COMPOSE_SUBSTITUTION.matcher("operator:${ADMIN_PASSWORD}").matches()).isFalse();
        assertThat(AdminCredential.COMPOSE_SUBSTITUTION.matcher("operator:secret").matches()).isFalse();
    }
}
