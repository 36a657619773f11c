package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cqrs.orders.local.admin.FakeQueryAdmin;

class LocalStackMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    private int run(String... args) throws InterruptedException {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) throws InterruptedException {
        Map<String, String> values = new HashMap<>(environment);
        values.putIfAbsent("DATA_DIR", dataDir.toString());
        return LocalStackMain.run(args, new Env(values), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpIsTheOneUsageTextWithEverySubcommandAndTheEnvironment() throws Exception {
        assertThat(run("help")).isZero();
        assertThat(out()).isEqualTo(Usage.text())
                .contains("API_AUTH_ENABLED", "guardian", "DATA_DIR", "PG_PORT", "QUERY_PORT", "ADMIN_AUTH", "COMMAND_URL");
    }

    /** ./run help prints the same file without building anything, so there is one help text, not two. */
    @Test
    void theRunScriptsHelpIsTheSameText() throws Exception {
        Process help = new ProcessBuilder("bash", "../run", "help").redirectErrorStream(true).start();
        String printed = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor()).isZero();
        assertThat(printed).isEqualTo(Usage.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "infra", "postgres", "kafka", "mongo", "command-service", "query-service", "token",
            "demo", "read-your-writes", "dead-letters", "rebuild", "bench", "qa", "chaos", "build", "clean", "help"})
    void everySubcommandHasItsPartOfTheHelpText(String subcommand) throws Exception {
        assertThat(run(subcommand, "--help")).as(err()).isZero();
        assertThat(out()).startsWith("  " + subcommand).contains(System.lineSeparator());
        assertThat(Usage.text()).contains(out().strip());
    }

    @Test
    void thePartOfASubcommandEndsWhereTheNextBegins() {
        assertThat(Usage.of("rebuild")).hasValueSatisfying(part -> assertThat(part)
                .startsWith("  rebuild <readModel>").contains("order-view, order-list, customer-summary")
                .doesNotContain("bench"));
        assertThat(Usage.of("rebuil")).isEmpty();
        assertThat(Usage.of("frobnicate")).isEmpty();
    }

    @Test
    void noArgumentsPrintsHelp() throws Exception {
        assertThat(run()).isZero();
        assertThat(out()).startsWith("usage: ./run <subcommand>");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() throws Exception {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown subcommand 'frobnicate'", "usage:");
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        assertThat(run("kafka", "--port", "1")).isEqualTo(2);
        assertThat(err()).contains("unknown option '--port'");
    }

    @Test
    void theGuardianNeedsTheLaunchersPid() throws Exception {
        assertThat(run("guard")).isEqualTo(2);
        assertThat(run("guard", "--parent-pid", "x")).isEqualTo(2);
        assertThat(err()).contains("usage: guard --parent-pid N");
    }

    @Test
    void deadLettersSendsTheCredentialLocalWroteIntoTheDataDirToQueryUrl() throws Exception {
        Files.writeString(dataDir.resolve("admin-auth"), "operator:from-the-file\n");
        try (FakeQueryAdmin service = new FakeQueryAdmin()) {
            service.answer("GET", "/admin/dead-letters?status=REPLAYED", 200, "[]");

            assertThat(run(Map.of("QUERY_URL", service.url()), "dead-letters", "--status", "REPLAYED")).as(err()).isZero();

            assertThat(service.requests()).singleElement().extracting(FakeQueryAdmin.Request::authorization)
                    .isEqualTo(basic("operator:from-the-file"));
        }
        assertThat(out()).startsWith("ID\tROLE\tSTATUS");
    }

    @Test
    void adminAuthWinsOverTheFileAndAdminUsersIsTheLastResort() throws Exception {
        Files.writeString(dataDir.resolve("admin-auth"), "operator:from-the-file\n");
        try (FakeQueryAdmin service = new FakeQueryAdmin()) {
            service.answer("POST", "/admin/rebuilds/order-list", 202, "{}")
                    .answer("GET", "/admin/rebuilds/order-list", 200, "{\"state\":\"DONE\"}");
            Map<String, String> withAdminAuth = Map.of("QUERY_URL", service.url(), "ADMIN_AUTH", "alice:given");
            assertThat(run(withAdminAuth, "rebuild", "order-list")).as(err()).isZero();

            Path empty = Files.createDirectory(dataDir.resolve("empty"));
            Map<String, String> withUsersOnly = Map.of("QUERY_URL", service.url(), "DATA_DIR", empty.toString(),
                    "ADMIN_USERS", "bob:{noop}listed,carol:other");
            assertThat(run(withUsersOnly, "rebuild", "order-list")).as(err()).isZero();

            assertThat(service.requests()).extracting(FakeQueryAdmin.Request::authorization)
                    .containsExactly(basic("alice:given"), basic("alice:given"), basic("bob:listed"), basic("bob:listed"));
        }
    }

    @Test
    void withoutACredentialTheAdminSubcommandsSayHowToGetOne() throws Exception {
        Map<String, String> bcryptOnly = Map.of("ADMIN_USERS", "bob:{bcrypt}$2a$10$abcdefghijklmnopqrstuv");
        assertThat(run(bcryptOnly, "dead-letters")).isEqualTo(1);
        assertThat(run("rebuild", "order-view")).isEqualTo(1);
        assertThat(err()).contains("no admin credential", "ADMIN_AUTH=user:password", "bcrypt");
    }

    @Test
    void aUsageErrorOfAnAdminSubcommandShowsItsPartOfTheHelp() throws Exception {
        assertThat(run(Map.of("ADMIN_AUTH", "a:b"), "rebuild")).isEqualTo(2);
        assertThat(err()).contains("name one read model", "  rebuild <readModel>");
    }

    @Test
    void aServiceOnItsOwnNeedsItsJarAndTheKeyInfraMade() throws Exception {
        Path jar = Files.createFile(dataDir.resolve("query.jar"));
        assertThat(run(Map.of("COMMAND_JAR", dataDir.resolve("missing.jar").toString()), "command-service")).isEqualTo(1);
        assertThat(run(Map.of("QUERY_JAR", jar.toString()), "query-service")).isEqualTo(1);
        assertThat(err().lines().toList()).containsExactly(
                "no jar for command-service at " + dataDir.resolve("missing.jar") + ": build it with ./run build",
                "no API key in " + dataDir.resolve("api-auth") + ": start ./run infra first (it makes one), or set"
                        + " API_AUTH_ENABLED=false");
        assertThat(out().lines().filter(line -> line.startsWith("admin access: user operator, password ")))
                .as("one operator for both services, made by the first and written into the data directory").hasSize(1);
        assertThat(AdminCredentials.readFile(dataDir)).isPresent();
    }

    private static String basic(String credential) {
        return "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }
}
