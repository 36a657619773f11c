package dev.cqrs.orders.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.local.FakeOrderServices;

/** The demo's walk-through against stand-in services: the table, the statistics and the failure on a stuck view. */
class DemoCommandTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void printsOneRowPerCommandAndTheDelayStatistics() throws Exception {
        try (FakeOrderServices services = new FakeOrderServices(15)) {
            new DemoCommand(new OrdersClient(services.url(), services.url(), null), out, Duration.ofSeconds(5)).walkThrough();
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
            DemoCommand demo = new DemoCommand(new OrdersClient(services.url(), services.url(), null), out, Duration.ofMillis(200));
            assertThatThrownBy(demo::walkThrough)
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("create of order")
                    .hasMessageContaining("was not visible on the query side after 200 ms")
                    .hasMessageContaining("nothing (404)");
        }
    }
}
