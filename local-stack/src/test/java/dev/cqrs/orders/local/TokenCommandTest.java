package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./run token}: only the token on stdout, usable in TOKEN=$(...); clear errors otherwise. */
class TokenCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TokenCommand.run(args, new Env(Map.of("DATA_DIR", dataDir.toString())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOnlyACustomerTokenSignedByTheDataDirsKey() throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        assertThat(run("token", "customer", "c-42")).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).endsWith("\n").hasLineCount(1);
        String token = printed.strip();
        assertThat(ApiTokensTest.verifies(token, tokens.publicKey())).isTrue();
        assertThat(ApiTokensTest.part(token, 1).path("sub").asString()).isEqualTo("c-42");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void printsAStaffTokenOptionallyNamed() {
        ApiTokens.forDataDir(dataDir);
        assertThat(run("token", "staff")).isZero();
        assertThat(run("token", "staff", "alice")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(ApiTokensTest.part(lines[0], 1).path("sub").asString()).isEqualTo("staff");
        assertThat(ApiTokensTest.part(lines[1], 1).path("sub").asString()).isEqualTo("alice");
        assertThat(ApiTokensTest.part(lines[1], 1).path("scope").asString()).contains("orders:staff");
    }

    @Test
    void withoutAKeyItSaysToStartTheSystemAndMakesNone() {
        assertThat(run("token", "staff")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no API signing key", "start ./run local first");
        assertThat(dataDir.resolve("api-auth")).doesNotExist();
    }

    @Test
    void badArgumentsAreAUsageError() {
        ApiTokens.forDataDir(dataDir);
        for (String[] args : new String[][] {{"token"}, {"token", "customer"}, {"token", "admin"},
                {"token", "customer", "a", "b"}, {"token", "customer", " "}}) {
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: token customer <customer-id> | token staff");
    }
}
