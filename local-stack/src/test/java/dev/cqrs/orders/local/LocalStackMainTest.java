package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        return LocalStackMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySubcommandAndTheEnvironment() throws Exception {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("postgres", "kafka", "mongo", "infra", "local", "demo", "read-your-writes", "token customer", "API_AUTH_ENABLED", "guardian", "DATA_DIR", "PG_PORT", "QUERY_PORT");
    }

    @Test
    void noArgumentsPrintsHelp() throws Exception {
        assertThat(run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() throws Exception {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown subcommand 'frobnicate'", "usage:");
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        assertThat(run("kafka", "--port", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--port'");
    }

    @Test
    void theGuardianNeedsTheLaunchersPid() throws Exception {
        assertThat(run("guard")).isEqualTo(2);
        assertThat(run("guard", "--parent-pid", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: guard --parent-pid N");
    }
}
