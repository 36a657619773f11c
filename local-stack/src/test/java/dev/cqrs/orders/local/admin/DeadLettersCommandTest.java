package dev.cqrs.orders.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.cqrs.orders.local.Ports;

/** {@code dead-letters} against a stand-in query service: the calls it makes, what it prints, its exit codes. */
class DeadLettersCommandTest {

    private static final String LETTER = """
            {"id":"order-view:orders.events:0:42","role":"HEAD","status":"OPEN","orderId":"o-1",\
            "eventType":"OrderConfirmed","aggregateVersion":2,"attempts":3,"createdAt":"2026-12-03T18:00:00Z",\
            "error":"boom\\tat line 1","payload":{"a":1}}""";

    @RegisterExtension
    final FakeQueryAdmin service = new FakeQueryAdmin();

    private int run(String... args) {
        return DeadLettersCommand.run(args, new AdminClient(service.url(), "operator:s3cret"), service.out(), service.err());
    }

    @Test
    void listsTheOpenLettersAsATableWithADashForWhatIsMissing() {
        service.answer("GET", "/admin/dead-letters?status=OPEN", 200,
                "[" + LETTER + ",{\"id\":\"x\",\"status\":\"OPEN\",\"error\":null}]");

        assertThat(run()).isZero();

        assertThat(service.printed().lines()).containsExactly(
                "ID\tROLE\tSTATUS\tORDER\tEVENT\tV\tATTEMPTS\tCREATED\tERROR",
                "order-view:orders.events:0:42\tHEAD\tOPEN\to-1\tOrderConfirmed\t2\t3\t2026-12-03T18:00:00Z\tboom\\tat line 1",
                "x\t-\tOPEN\t-\t-\t-\t-\t-\t-");
        assertThat(service.requests()).singleElement().satisfies(request -> assertThat(request.authorization())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("operator:s3cret".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void filtersByReadModelAndStatusInEitherSpelling() {
        service.answer("GET", "/admin/dead-letters?status=ALL&readModel=order-list", 200, "[]");

        assertThat(run("list", "--read-model", "order-list", "--status=ALL")).isZero();
        assertThat(run("--status", "ALL", "--read-model=order-list")).isZero();

        assertThat(service.requests()).extracting(FakeQueryAdmin.Request::target)
                .containsOnly("/admin/dead-letters?status=ALL&readModel=order-list").hasSize(2);
    }

    @Test
    void showsOneLetterAsIndentedJson() {
        service.answer("GET", "/admin/dead-letters/order-view:orders.events:0:42", 200, LETTER);

        assertThat(run("show", "order-view:orders.events:0:42")).isZero();

        assertThat(service.printed()).contains("\"eventType\" : \"OrderConfirmed\"").contains("\n  \"payload\" : {");
    }

    @Test
    void replaysAndDiscardsByPost() {
        service.answer("POST", "/admin/dead-letters/d-1/replay", 200, "{\"replayed\":2}")
                .answer("POST", "/admin/dead-letters/d-2/discard", 200, "{\"discarded\":1}");

        assertThat(run("replay", "d-1")).isZero();
        assertThat(run("discard", "d-2")).isZero();

        assertThat(service.requests()).extracting(FakeQueryAdmin.Request::method).containsExactly("POST", "POST");
        assertThat(service.printed()).contains("\"replayed\" : 2", "\"discarded\" : 1");
    }

    @Test
    void aRefusedCredentialIsExitOneAndSaysWhichCredential() {
        service.answer("GET", "/admin/dead-letters?status=OPEN", 401, "{\"title\":\"Unauthorized\"}");

        assertThat(run("list")).isEqualTo(1);

        assertThat(service.complained()).contains("GET /admin/dead-letters?status=OPEN answered 401", "ADMIN_AUTH", "\"Unauthorized\"");
        assertThat(service.printed()).isEmpty();
    }

    @Test
    void anUnknownLetterIsExitOneWithTheServicesProblem() {
        assertThat(run("show", "nope")).isEqualTo(1);
        assertThat(service.complained()).contains("GET /admin/dead-letters/nope answered 404", "Not Found");
    }

    @Test
    void argumentsItCannotUseAreExitTwoWithoutACall() {
        assertThat(run("show")).isEqualTo(2);
        assertThat(run("replay", "a", "b")).isEqualTo(2);
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(run("list", "--status")).isEqualTo(2);
        assertThat(run("discard", "../rebuilds/order-view")).isEqualTo(2);

        assertThat(service.complained()).contains("show needs an ID", "one ID at a time", "unknown option --frobnicate",
                "--status needs a value", "'../rebuilds/order-view' is not a dead letter's ID");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void aQueryServiceThatIsNotThereIsExitOne() {
        int code = DeadLettersCommand.run(new String[0], new AdminClient("http://127.0.0.1:" + Ports.free(), "a:b"),
                service.out(), service.err());

        assertThat(code).isEqualTo(1);
        assertThat(service.complained()).contains("cannot reach the query service at http://127.0.0.1:", "(QUERY_URL)");
    }
}
