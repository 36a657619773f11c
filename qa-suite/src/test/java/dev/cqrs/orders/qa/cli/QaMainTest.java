package dev.cqrs.orders.qa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.qa.config.Setting;

/** The command line: --help, and every mistake refused with exit code 2 before anything starts. */
class QaMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return QaMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExplainsEveryOptionAndEverySetting() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (String option : Options.VALUED) {
            assertThat(help).as("--help mentions " + option).contains(option);
        }
        for (String option : Options.SWITCHES) {
            assertThat(help).contains(option);
        }
        for (Setting setting : Setting.values()) {
            assertThat(help).contains(setting.flag()).contains(setting.help());
        }
        assertThat(help).contains("exit code 0: passed; 1: failed");
        assertThat(run("-h")).isZero();
    }

    @Test
    void faultsAgainstASystemTheSuiteDidNotStartNeedTheOptIn() {
        assertThat(run("--data-dir", "/tmp/nowhere", "--fault-driver", "local")).isEqualTo(2);
        assertThat(errors()).contains("would stop and kill processes of a system the suite did not start")
                .contains("--allow-faults-on-target");
        err.reset();
        assertThat(run("--command-url", "http://a", "--query-url", "http://b", "--admin-auth", "u:p", "--fault-driver",
                "kubernetes", "--namespace", "qa")).isEqualTo(2);
        assertThat(errors()).contains("--allow-faults-on-target");
    }

    @Test
    void mistakesAreRefusedWithWhatIsWrong() {
        assertThat(run("--orders")).isEqualTo(2);
        assertThat(errors()).contains("--orders needs a value");
        assertMistake("unknown option '--order'", "--order", "5");
        assertMistake("--orders (chaos.orders) must be a whole number", "--orders", "many");
        assertMistake("rate must be above 0", "--rate", "0");
        assertMistake("needs both --command-url and --query-url", "--command-url", "http://a", "--admin-auth", "u:p");
        assertMistake("needs the admin credential", "--command-url", "http://a", "--query-url", "http://b");
        assertMistake("--admin-auth must be user:password", "--command-url", "http://a", "--query-url", "http://b", "--admin-auth", "u");
        assertMistake("either --data-dir or --command-url", "--data-dir", "x", "--command-url", "http://a", "--query-url", "http://b");
        assertMistake("--reconcile checks a running system", "--reconcile", "ledger.jsonl");
        assertMistake("--reconcile injects no faults", "--data-dir", "x", "--reconcile", "l", "--fault-driver", "local",
                "--allow-faults-on-target");
        assertMistake("the local driver acts on processes of this machine", "--command-url", "http://a", "--query-url", "http://b",
                "--admin-auth", "u:p", "--fault-driver", "local", "--allow-faults-on-target");
        assertMistake("the kubernetes driver needs --namespace", "--fault-driver", "kubernetes");
        assertMistake("the kubernetes driver acts on a namespace", "--fault-driver", "kubernetes", "--namespace", "qa");
        assertMistake("--fault-driver is none, local or kubernetes", "--fault-driver", "docker");
        assertMistake("--orders is given twice", "--orders", "1", "--orders=2");
        assertMistake("--allow-faults-on-target takes no value", "--allow-faults-on-target=yes");
    }

    private void assertMistake(String message, String... args) {
        err.reset();
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(errors()).contains(message).contains("--help");
    }

    @Test
    void argumentsCanBeCheckedWithoutRunningAnything() {
        assertThat(QaMain.checkArguments("--command-url=http://c:8081", "--query-url=http://q:8082", "--admin-auth-file=/nowhere",
                "--fault-driver=kubernetes", "--namespace=qa", "--allow-faults-on-target", "--orders=500")).isNull();
        assertThat(QaMain.checkArguments("--command-url=http://c:8081", "--query-url=http://q:8082", "--admin-auth-file=/nowhere",
                "--fault-driver=kubernetes", "--namespace=qa")).contains("--allow-faults-on-target");
        assertThat(QaMain.checkArguments("--rate=-1")).contains("rate must be above 0");
    }

    @Test
    void aDataDirWithoutARunningSystemIsAClearFailure() {
        assertThat(run("--data-dir", "/tmp/qa-suite-test-no-such-dir")).isEqualTo(1);
        assertThat(errors()).contains("no /tmp/qa-suite-test-no-such-dir/system.properties: is ./run local running");
    }
}
