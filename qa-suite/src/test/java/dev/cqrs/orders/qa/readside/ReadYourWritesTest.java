package dev.cqrs.orders.qa.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.http.OrdersHttp.Exchange;
import dev.cqrs.orders.qa.http.OrdersHttp.Failure;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.Transition;

/** The read-your-writes promise, judged on answers as the query service gives them. */
class ReadYourWritesTest {

    private final ReadYourWrites reads = new ReadYourWrites(new OrdersHttp("http://unused", "http://unused", Duration.ofSeconds(1)),
            new Observations(), 1, Duration.ofSeconds(1));
    private final OrderRecord order = confirmed();

    private static OrderRecord confirmed() {
        OrderRecord order = new OrderRecord(new OrderSpec(0, "k", "c", "EUR", List.of(new OrderSpec.Line("A", 1, 1)), 0, List.of(), ""));
        order.created("id", 0, new Command("create", Outcome.ACKNOWLEDGED, 1, 201, 0, 1, false, ""));
        order.committed(Transition.CONFIRM, new Command("confirm", Outcome.ACKNOWLEDGED, 2, 204, 0, 1, false, ""));
        return order;
    }

    private static Exchange view(long version, String status, String stale) {
        return new Exchange(200, "\"" + version + "\"", "{\"orderId\":\"id\",\"version\":" + version + ",\"status\":\"" + status + "\"}",
                Failure.NONE, "", stale);
    }

    @Test
    void anAnswerAtTheVersionOrOneThatSaysItIsStaleKeepsThePromise() {
        reads.judge(order, "id", 2, view(2, "CONFIRMED", "false"), 0, 1_000_000);
        reads.judge(order, "id", 2, view(1, "CREATED", "true"), 0, 1_000_000);
        reads.judge(order, "id", 2, new Exchange(404, "", "{}", Failure.NONE, "", "true"), 0, 1);
        reads.judge(order, "id", 2, Exchange.failed(Failure.UNCERTAIN, "timeout"), 0, 1);
        ReadYourWrites.Result result = reads.result();
        assertThat(result.violations()).isEmpty();
        assertThat(result).extracting(ReadYourWrites.Result::reads, ReadYourWrites.Result::fresh, ReadYourWrites.Result::stale,
                ReadYourWrites.Result::unavailable).containsExactly(4L, 1L, 2L, 1L);
        assertThat(result.freshMillis()).containsExactly(1L);
    }

    @Test
    void anOlderVersionPassedOffAsFreshOrAFreshOnePassedOffAsStaleBreaksThePromise() {
        reads.judge(order, "id", 2, view(1, "CREATED", "false"), 0, 1);
        reads.judge(order, "id", 2, view(2, "CONFIRMED", "true"), 0, 1);
        reads.judge(order, "id", 2, new Exchange(404, "", "{}", Failure.NONE, "", ""), 0, 1);
        reads.judge(order, "id", 2, new Exchange(400, "", "{}", Failure.NONE, "", ""), 0, 1);
        assertThat(reads.result().violations()).hasSize(4)
                .anySatisfy(v -> assertThat(v).contains("version 1 for minVersion 2 without X-Read-Model-Stale: true"))
                .anySatisfy(v -> assertThat(v).contains("X-Read-Model-Stale: true, but the view has version 2"));
    }
}
