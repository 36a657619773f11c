package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code demo} subcommand's wiring: where it finds the services and which token it sends. */
class DemoSubcommandTest {

    private static final String[] DEMO = {"demo"};

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void exitsNonZeroWhenTheSystemIsNotRunning() throws Exception {
        Env env = new Env(Map.of("COMMAND_URL", "http://127.0.0.1:" + Ports.free(), "QUERY_URL", "http://127.0.0.1:1"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = LocalStackMain.run(DEMO, env, out, new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("demo failed").contains("./run local");
    }

    @Test
    void sendsTheStaffTokenSignedByTheKeyInDataDir(@TempDir Path dataDir) throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        try (FakeOrderServices services = new FakeOrderServices(5, authorization -> isStaff(authorization, tokens))) {
            Env env = new Env(Map.of("COMMAND_URL", services.url(), "QUERY_URL", services.url(), "DATA_DIR", dataDir.toString()));
            int code = LocalStackMain.run(DEMO, env, out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(code).as(output.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("as staff", "all commands became visible");
    }

    /** The planted defect: without a key in DATA_DIR no token goes out, and a checking service refuses the demo. */
    @Test
    void withoutAKeyTheDemoSendsNoTokenAndSaysWhyItWasRefused(@TempDir Path dataDir) throws Exception {
        ApiTokens elsewhere = ApiTokens.forDataDir(dataDir.resolve("elsewhere"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try (FakeOrderServices services = new FakeOrderServices(5, authorization -> isStaff(authorization, elsewhere))) {
            Env env = new Env(Map.of("COMMAND_URL", services.url(), "QUERY_URL", services.url(), "DATA_DIR", dataDir.toString()));
            assertThat(LocalStackMain.run(DEMO, env, out, new PrintStream(errors, true, StandardCharsets.UTF_8))).isEqualTo(1);
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("without a token");
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("answered 401", "no token sent", "start ./run local first");
    }

    private static boolean isStaff(String authorization, ApiTokens tokens) {
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            String token = authorization.substring("Bearer ".length());
            return ApiTokensTest.verifies(token, tokens.publicKey())
                    && ApiTokensTest.part(token, 1).path("scope").asString().contains("orders:staff");
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
