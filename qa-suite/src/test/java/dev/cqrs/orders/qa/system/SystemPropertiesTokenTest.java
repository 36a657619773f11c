package dev.cqrs.orders.qa.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.cqrs.orders.local.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attached to a ./run local, the suite signs with the key that launcher made, and never makes one of its own. */
class SystemPropertiesTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void aStaffTokenOfTheLaunchersKey() throws Exception {
        record("api.auth.enabled=true");
        ApiTokens launcher = ApiTokens.forDataDir(dataDir);

        String token = SystemProperties.read(dataDir).apiToken().authorization().orElseThrow().substring("Bearer ".length());

        assertThat(token.split("\\.")).hasSize(3);
        java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
        rs256.initVerify(launcher.publicKey());
        rs256.update(token.substring(0, token.lastIndexOf('.')).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(rs256.verify(java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)))).isTrue();
    }

    @Test
    void noKeyYetIsAClearFailureAndMakesNone() throws Exception {
        record("api.auth.enabled=true");

        assertThatThrownBy(() -> SystemProperties.read(dataDir).apiToken()).hasMessageContaining("./run local");
        assertThat(dataDir.resolve("api-auth")).doesNotExist();
    }

    @Test
    void anOpenApiGetsNoToken() throws Exception {
        record("api.auth.enabled=false");

        assertThat(SystemProperties.read(dataDir).apiToken().authorization()).isEmpty();
    }

    private void record(String line) throws Exception {
        Files.writeString(dataDir.resolve(SystemProperties.FILE), "launcher.pid=1\n" + line + "\n");
    }
}
