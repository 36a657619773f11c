package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** The demo's walk-through against stand-in services: the table, the statistics and the failure on a stuck view. */
class DemoCommandTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void printsOneRowPerCommandAndTheDelayStatistics() throws Exception {
        try (FakeOrderServices services = new FakeOrderServices(15)) {
            new DemoCommand(new OrdersClient(services.url(), services.url()), out, Duration.ofSeconds(5)).walkThrough();
        }
        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().filter(line -> line.matches("[0-9a-f]{8} .*"))).hasSize(9);
        assertThat(text).contains("create", "confirm", "ship", "cancel", "EUR 47.48", "USD 12.50")
                .containsPattern("commit -> visible over 9 commands: min \\d+\\.\\d ms, p50 \\d+\\.\\d ms, max \\d+\\.\\d ms")
                .contains("all commands became visible");
    }

    @Test
    void failsWithAClearMessageWhenACommandNeverBecomesVisible() throws Exception {
        try (FakeOrderServices services = new FakeOrderServices(-1)) {
            DemoCommand demo = new DemoCommand(new OrdersClient(services.url(), services.url()), out, Duration.ofMillis(200));
            assertThatThrownBy(demo::walkThrough)
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("create of order")
                    .hasMessageContaining("was not visible on the query side after 200 ms")
                    .hasMessageContaining("nothing (404)");
        }
    }

    @Test
    void exitsNonZeroWhenTheSystemIsNotRunning() {
        Env env = new Env(Map.of("COMMAND_URL", "http://127.0.0.1:" + Ports.free(), "QUERY_URL", "http://127.0.0.1:1"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = DemoCommand.run(env, out, new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("demo failed").contains("./run local");
    }
}
