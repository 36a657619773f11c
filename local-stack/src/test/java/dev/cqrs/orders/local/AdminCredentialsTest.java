package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void theLaunchersOwnAdminUsersAreUsedAndTheFirstEntryIsTheClientsCredential() {
        AdminCredentials admin = AdminCredentials.fromEnv(new Env(Map.of("ADMIN_USERS", "alice:{noop}a:b, bob:builder")));
        assertThat(admin.users()).isEqualTo("alice:{noop}a:b, bob:builder");
        assertThat(admin.user()).isEqualTo("alice");
        assertThat(admin.password()).isEqualTo("a:b");
        assertThat(admin.passwordKnown()).isTrue();
        assertThat(AdminCredentials.fromEnv(new Env(Map.of("ADMIN_USERS", "carol:{bcrypt}$2a$04$x"))).passwordKnown())
                .isFalse();
    }

    @Test
    void withoutAdminUsersAnOperatorWithARandomPasswordIsGeneratedForEachStart() {
        AdminCredentials first = AdminCredentials.fromEnv(new Env(Map.of()));
        AdminCredentials second = AdminCredentials.fromEnv(new Env(Map.of("ADMIN_USERS", " ")));
        assertThat(first.user()).isEqualTo("operator");
        assertThat(first.password()).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(second.password()).isNotEqualTo(first.password());
        assertThat(first.toString()).doesNotContain(first.password());
    }

    @Test
    void anEntryWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> new AdminCredentials("alice")).hasMessageContaining("name:password");
        assertThatThrownBy(() -> new AdminCredentials("alice:")).hasMessageContaining("name:password");
    }

    @Test
    void theCredentialFileIsReadableByTheOwnerOnly() throws Exception {
        Path file = new AdminCredentials("alice:wonderland").writeFile(dir.resolve("data"));
        assertThat(file).hasFileName("admin-auth").hasContent("alice:wonderland");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        new AdminCredentials("bob:builder").writeFile(dir.resolve("data"));
        assertThat(file).hasContent("bob:builder");
    }

    @Test
    void noFileWhenOnlyABcryptHashIsKnown() {
        new AdminCredentials("alice:wonderland").writeFile(dir);
        assertThat(new AdminCredentials("carol:{bcrypt}$2a$04$x").writeFile(dir)).isNull();
        assertThat(dir.resolve("admin-auth")).doesNotExist();
    }
}
