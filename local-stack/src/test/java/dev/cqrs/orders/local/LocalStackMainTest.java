package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;

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
                .contains("postgres", "kafka", "mongo", "infra", "local", "demo", "--parent-pid", "DATA_DIR", "PG_PORT", "QUERY_PORT");
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
    void parentPidComesFromTheOptionOrTheEnvironment() {
        Env none = new Env(Map.of());
        assertThat(LocalStackMain.parentPid(new String[] {"kafka"}, none)).isEmpty();
        assertThat(LocalStackMain.parentPid(new String[] {"kafka", "--parent-pid", "42"}, none)).isEqualTo(OptionalLong.of(42));
        assertThat(LocalStackMain.parentPid(new String[] {"kafka", "--parent-pid=7"}, none)).isEqualTo(OptionalLong.of(7));
        assertThat(LocalStackMain.parentPid(new String[] {"kafka"}, new Env(Map.of("LOCAL_STACK_PARENT_PID", "9"))))
                .isEqualTo(OptionalLong.of(9));
        assertThatThrownBy(() -> LocalStackMain.parentPid(new String[] {"kafka", "--parent-pid", "x"}, none))
                .hasMessageContaining("needs a process id");
    }
}
