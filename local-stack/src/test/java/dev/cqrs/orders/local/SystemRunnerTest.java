package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up summary's API line: how to get a token, or a banner that cannot be missed when the API is open. */
class SystemRunnerTest {

    @TempDir
    Path dir;

    private String apiAccess(boolean enabled) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LocalSystem system = LocalSystem.builder().ports(new StackPorts(1, 2, 3, 4, 8181, 8182, 7)).dataDir(dir)
                .apiAuthEnabled(enabled).build()) {
            SystemRunner.printApiAccess(system, new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withTheCheckOnItSaysHowToGetAToken() {
        assertThat(apiAccess(true)).contains("./run token customer <id>", "./run token staff",
                "Authorization: Bearer $TOKEN", dir.resolve("api-auth/public-key.pem").toString()).doesNotContain("OPEN");
    }

    @Test
    void withTheCheckOffItPrintsALoudBanner() {
        String banner = apiAccess(false);
        assertThat(banner).contains("API_AUTH_ENABLED=false: THE ORDER APIS ARE OPEN", "8181 and 8182",
                "Trusted networks only").doesNotContain("./run token");
        assertThat(banner.lines()).hasSize(4).allMatch(line -> line.startsWith("  !!"));
    }
}
