package dev.cqrs.orders.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminUsersTest {

    @Test
    void parsesCommaSeparatedEntriesAndKeepsColonsInPasswords() {
        assertThat(AdminUsers.parse(" alice:s3cret , bob:{bcrypt}$2a$10$abc,carol:a:b:c "))
                .containsExactly(new AdminUser("alice", "s3cret"), new AdminUser("bob", "{bcrypt}$2a$10$abc"),
                        new AdminUser("carol", "a:b:c"));
    }

    @Test
    void emptyOrUnsetMeansNoUsers() {
        assertThat(AdminUsers.parse(null)).isEmpty();
        assertThat(AdminUsers.parse("  ")).isEmpty();
        assertThat(AdminUsers.parse(",")).isEmpty();
    }

    @Test
    void plainPasswordsGetTheNoopPrefixEncodedOnesKeepTheirs() {
        assertThat(new AdminUser("a", "plain").encodedPassword()).isEqualTo("{noop}plain");
        assertThat(new AdminUser("a", "{noop}x").encodedPassword()).isEqualTo("{noop}x");
        assertThat(new AdminUser("a", "{bcrypt}$2a$x").encodedPassword()).isEqualTo("{bcrypt}$2a$x");
        assertThat(new AdminUser("a", "{weird}x").encodedPassword()).isEqualTo("{noop}{weird}x");
    }

    @Test
    void malformedEntriesAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> AdminUsers.parse("alice:ok,bobsecret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2").hasMessageContaining("name:password")
                .hasMessageNotContaining("bobsecret");
        assertThatThrownBy(() -> AdminUsers.parse("alice:")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> AdminUsers.parse(":pw")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> AdminUsers.parse("a:1,a:2")).hasMessageContaining("duplicate");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(new AdminUser("alice", "s3cret").toString()).contains("alice").doesNotContain("s3cret");
    }
}
