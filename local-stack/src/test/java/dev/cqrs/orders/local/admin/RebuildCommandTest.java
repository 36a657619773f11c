package dev.cqrs.orders.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.json.JsonMapper;

/** {@code rebuild} against a stand-in query service: start or follow, progress until DONE or FAILED, exit codes. */
class RebuildCommandTest {

    private static final String PATH = "/admin/rebuilds/order-view";

    @RegisterExtension
    final FakeQueryAdmin service = new FakeQueryAdmin();

    private int run(String... args) {
        return new RebuildCommand(new AdminClient(service.url(), "operator:s3cret"), Duration.ofMillis(1), service.out())
                .run(args, service.err());
    }

    @Test
    void startsARebuildAndShowsItsProgressUntilDone() {
        service.answer("POST", PATH, 202, "{\"state\":\"RUNNING\"}")
                .answer("GET", PATH, 200, "{\"state\":\"RUNNING\",\"eventsApplied\":300,\"remainingEvents\":700,"
                        + "\"eventsPerSecond\":150.4,\"etaSeconds\":5}")
                .answer("GET", PATH, 200, "{\"state\":\"SWITCHED\",\"eventsApplied\":1000,\"remainingEvents\":0}")
                .answer("GET", PATH, 200, "{\"state\":\"DONE\",\"eventsApplied\":1000,\"remainingEvents\":0}");

        assertThat(run("order-view")).isZero();

        assertThat(service.printed()).startsWith("rebuild of order-view started")
                .contains("\rRUNNING      [#########                     ]  30%  300 events  150 events/s  ETA 5s")
                .contains("\rSWITCHED     [##############################] 100%  1000 events")
                .contains("\rDONE         [##############################] 100%")
                .endsWith("rebuild of order-view done" + System.lineSeparator());
        assertThat(service.requests()).extracting(FakeQueryAdmin.Request::method).containsExactly("POST", "GET", "GET", "GET");
    }

    @Test
    void followsARebuildThatIsRunningAlready() {
        service.answer("POST", PATH, 409, "{\"title\":\"Conflict\"}")
                .answer("GET", PATH, 200, "{\"state\":\"DONE\",\"eventsApplied\":10,\"remainingEvents\":0}");

        assertThat(run("order-view")).isZero();

        assertThat(service.printed()).startsWith("a rebuild of order-view is running already; following it");
    }

    @Test
    void aFailedRebuildIsExitOneWithItsError() {
        service.answer("POST", PATH, 202, "{}")
                .answer("GET", PATH, 200, "{\"state\":\"FAILED\",\"eventsApplied\":10,\"error\":\"disk full\"}");

        assertThat(run("order-view")).isEqualTo(1);

        assertThat(service.complained()).contains("rebuild of order-view FAILED: disk full");
    }

    @Test
    void aRefusedStartIsExitOneWithTheServicesProblem() {
        service.answer("POST", PATH, 401, "{\"title\":\"Unauthorized\"}");

        assertThat(run("order-view")).isEqualTo(1);

        assertThat(service.complained()).contains("POST /admin/rebuilds/order-view answered 401", "ADMIN_AUTH");
        assertThat(service.requests()).hasSize(1);
    }

    @Test
    void anAnswerWithoutAStateIsExitOne() {
        service.answer("POST", PATH, 202, "{}").answer("GET", PATH, 200, "{\"unexpected\":true}");

        assertThat(run("order-view")).isEqualTo(1);

        assertThat(service.complained()).contains("unexpected answer from GET /admin/rebuilds/order-view");
    }

    @Test
    void itTakesExactlyOneReadModel() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("order-view", "order-list")).isEqualTo(2);
        assertThat(run("--all")).isEqualTo(2);
        assertThat(run("../dead-letters")).isEqualTo(2);

        assertThat(service.complained()).contains("name one read model");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void progressWithoutARemainingCountStaysAtZeroPercentAndAnUnknownEta() {
        var status = JsonMapper.builder().build().readTree("{\"eventsApplied\":5}");

        assertThat(RebuildCommand.progress("RUNNING", status)).contains("  0%  5 events  0 events/s  ETA ?s");
    }
}
