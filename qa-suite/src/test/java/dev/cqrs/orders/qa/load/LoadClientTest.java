package dev.cqrs.orders.qa.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.OrderStatus;
import dev.cqrs.orders.qa.ledger.Transition;
import dev.cqrs.orders.qa.readside.Observations;
import dev.cqrs.orders.qa.readside.ReadYourWrites;

/** How a client turns failures into ledger entries, against a scripted fake command service. */
class LoadClientTest {

    /** A scripted answer: a status (with ETag and body), or -1 to answer only after the client gave up. */
    private record Answer(int status, String etag, String body) {
    }

    private HttpServer server;
    private final Deque<Answer> creates = new ArrayDeque<>();
    private final Deque<Answer> transitions = new ArrayDeque<>();
    private Answer lastCreate = created();
    private final List<String> requests = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);

    @BeforeEach
    void startFakeCommandService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopIt() {
        stop.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Answer answer;
        synchronized (this) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            if (exchange.getRequestURI().getPath().equals("/orders")) {
                // A create retried because this machine was too slow to answer in time gets the order again, as the
                // real service answers a repeated Idempotency-Key.
                answer = creates.isEmpty() ? lastCreate : creates.poll();
                lastCreate = answer.status() == 201 ? answer : lastCreate;
            } else {
                answer = transitions.isEmpty() ? new Answer(503, "", "") : transitions.poll();
            }
        }
        if (answer.status() < 0) {
            try {
                stop.await(10, TimeUnit.SECONDS); // longer than the client's timeout: "sent, but no answer"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (!answer.etag().isEmpty()) {
            exchange.getResponseHeaders().add("ETag", "\"" + answer.etag() + "\"");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** Runs one client over one order: {@code creates} answer its create attempts, then the rest its transitions. */
    private OrderRecord drive(List<OrderSpec.Step> steps, Map<String, String> settings, List<Answer> creates, Answer... transitions) {
        this.creates.clear();
        this.creates.addAll(creates);
        this.transitions.clear();
        this.transitions.addAll(List.of(transitions));
        SuiteConfig config = SuiteConfig.from(name -> switch (name) {
            case "requestTimeoutSeconds" -> "2";
            case "thinkMs" -> "0";
            default -> settings.get(name);
        });
        OrderRecord order = new OrderRecord(new OrderSpec(0, "run-0", "c", "EUR", List.of(new OrderSpec.Line("A", 1, 100)), 0,
                steps, "why"));
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Progress progress = new Progress(1);
        progress.release(1);
        try (Pacer pacer = new Pacer();
             DelaySampler sampler = new DelaySampler(new OrdersHttp(url, url, config.requestTimeout()), new Observations(), 10,
                     config.sampleEvery())) {
            OrdersHttp http = new OrdersHttp(url, url, config.requestTimeout());
            new LoadClient(List.of(order), http, progress, sampler, pacer, new RateLimit(1000),
                    new ReadYourWrites(http, new Observations(), 0, Duration.ZERO), config, System.nanoTime()).run();
        }
        return order;
    }

    private static Answer created() {
        return new Answer(201, "1", "{\"orderId\":\"11111111-1111-1111-1111-111111111111\"}");
    }

    @Test
    void aCreateWithoutAnswerIsRetriedWithTheSameKeyAndAnUncertainTransitionIsProbed() {
        OrderRecord order = drive(List.of(new OrderSpec.Step(Transition.CONFIRM, true), new OrderSpec.Step(Transition.SHIP, true)),
                Map.of(),
                List.of(new Answer(-1, "", ""), created()),         // create: no answer, then the retry is answered
                new Answer(503, "", ""), new Answer(409, "", ""), // confirm: 503 (may have committed), retry refused: it had
                new Answer(204, "3", ""));                   // ship
        assertThat(order.orderId()).contains("11111111-1111-1111-1111-111111111111");
        assertThat(order.commands()).extracting(Command::name, Command::outcome, Command::version, Command::attempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create", Outcome.ACKNOWLEDGED, 1L, 2),
                        org.assertj.core.groups.Tuple.tuple("confirm", Outcome.COMMITTED_EARLIER, 2L, 2),
                        org.assertj.core.groups.Tuple.tuple("ship", Outcome.ACKNOWLEDGED, 3L, 1));
        assertThat(order.acceptsFinal(3, OrderStatus.SHIPPED)).isTrue();
        assertThat(order.errors()).isEmpty();
        assertThat(requests.subList(0, 2)).allMatch(request -> request.equals("POST /orders key=run-0"));
    }

    @Test
    void anUncertainTransitionThatCommitsOnTheRetryIsAcknowledged() {
        OrderRecord order = drive(List.of(new OrderSpec.Step(Transition.CANCEL, true)), Map.of(),
                List.of(created()), new Answer(-1, "", ""), new Answer(204, "2", ""));
        assertThat(order.commands().get(1)).extracting(Command::outcome, Command::version, Command::uncertain)
                .containsExactly(Outcome.ACKNOWLEDGED, 2L, true);
        assertThat(order.acceptsFinal(2, OrderStatus.CANCELLED)).isTrue();
    }

    @Test
    void withoutADefiniteAnswerBeforeTheDeadlineTheOrderIsAmbiguous() {
        OrderRecord order = drive(List.of(new OrderSpec.Step(Transition.CONFIRM, true), new OrderSpec.Step(Transition.SHIP, true)),
                Map.of("commandDeadlineSeconds", "1"), List.of(created())); // transitions: only 503s
        assertThat(order.ambiguousOutcome()).isTrue();
        assertThat(order.acceptsFinal(1, OrderStatus.CREATED)).isTrue();
        assertThat(order.acceptsFinal(2, OrderStatus.CONFIRMED)).isTrue();
        assertThat(order.commands()).hasSize(2); // the ship was never sent
    }

    @Test
    void aDeliberatelyInvalidTransitionMustBeRefusedAndAnUnexpectedRefusalIsAnError() {
        OrderRecord refused = drive(List.of(new OrderSpec.Step(Transition.SHIP, false)), Map.of(),
                List.of(created()), new Answer(409, "", "{}"));
        assertThat(refused.commands().get(1).outcome()).isEqualTo(Outcome.REFUSED_AS_EXPECTED);
        assertThat(refused.errors()).isEmpty();

        OrderRecord unexpected = drive(List.of(new OrderSpec.Step(Transition.CONFIRM, true)), Map.of(),
                List.of(created()), new Answer(409, "", "{}"));
        assertThat(unexpected.commands().get(1).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(unexpected.errors()).hasSize(1);
    }

    @Test
    void aServiceThatNeverListensMeansNeverSent() {
        server.stop(0);
        OrderRecord order = drive(List.of(), Map.of("commandDeadlineSeconds", "1"), List.of());
        assertThat(order.orderId()).isEmpty();
        assertThat(order.commands()).singleElement().extracting(Command::outcome).isEqualTo(Outcome.NEVER_SENT);
        assertThat(order.createUnresolved()).isFalse();
    }
}
