package dev.cqrs.orders.command.web;

import static dev.cqrs.orders.propertychecks.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import dev.cqrs.orders.propertychecks.Inputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input against the real service: every answer is a 4xx problem+json, never a 5xx, and nothing is
 * written (no order row, hence no outbox row: they only exist together).
 */
class CommandApiFuzzIT {

    private static final String ITEM = "{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}";

    static RunningCommandService service;

    @BeforeAll
    static void start() {
        service = RunningCommandService.start(TestInfra.newDatabase("command_fuzz"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void badCreateBodiesAreRefusedWithProblemJson() {
        forAll(150, CommandApiFuzzIT::badCreateBody, body -> assertRefusedWithoutWrite(() -> service.post("/orders", body)));
    }

    @Test
    void invalidOrderIdsInThePathAreRefused() {
        forAll(60, in -> "/orders/" + URLEncoder.encode(notUuid(in), StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + in.oneOf("confirm", "ship", "cancel"),
                path -> assertRefusedWithoutWrite(() -> service.post(path, "{\"reason\":\"r\"}")));
    }

    @Test
    void badCancelBodiesAreRefused() {
        forAll(40, CommandApiFuzzIT::badCancelBody, body -> {
            String id = service.createOrder("fuzz-cancel");
            assertProblem(service.post("/orders/" + id + "/cancel", body));
            assertThat(service.jdbc().queryForObject("SELECT status FROM orders WHERE id = ?::uuid", String.class, id))
                    .isEqualTo("CREATED");
        });
    }

    @Test
    void oversizedBodiesAre413() {
        forAll(5, in -> order("c", "EUR", "[{\"sku\":\"" + "A".repeat(in.intBetween(300_000, 2_000_000))
                + "\",\"quantity\":1,\"unitPriceCents\":1}]"), body -> {
                    HttpResponse<String> response = service.post("/orders", body);
                    assertThat(response.statusCode()).isEqualTo(413);
                    assertProblem(response);
                });
    }

    static String badCreateBody(Inputs inputs) {
        return inputs.fromOneOf(
                in -> order("c", "EUR", "[" + String.join(",", in.shuffled(withBadItem(in))) + "]"),
                in -> order("c", in.suchThat(i -> i.stringOf(Inputs.UPPER, 3, 3), CommandApiFuzzIT::notIsoCurrency), "[" + ITEM + "]"),
                in -> order("c", json(in.suchThat(i -> i.anyString(0, 8), c -> !c.matches("[A-Z]{3}"))), "[" + ITEM + "]"),
                in -> order(in.stringOf(Inputs.ALPHA, 65, 10_000), "EUR", "[" + ITEM + "]"),
                in -> order("c", "EUR", "[]"),
                in -> order("c", "EUR", "[" + String.join(",", Collections.nCopies(in.intBetween(101, 300), ITEM)) + "]"),
                in -> in.oneOf("{}", "{\"currency\":\"EUR\",\"items\":[" + ITEM + "]}",
                        "{\"customerId\":\"c\",\"items\":[" + ITEM + "]}",
                        "{\"customerId\":\"c\",\"currency\":\"EUR\"}",
                        "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"quantity\":1,\"unitPriceCents\":1}]}",
                        "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"unitPriceCents\":1}]}"),
                CommandApiFuzzIT::wrongType,
                in -> in.suchThat(i -> i.anyString(0, 200), s -> !s.trim().startsWith("{") || !s.trim().endsWith("}")),
                in -> order("c", "EUR", "[" + ITEM + "]").substring(0, in.intBetween(1, 60)));
    }

    private static List<String> withBadItem(Inputs inputs) {
        List<String> items = new ArrayList<>(Collections.nCopies(inputs.size(0, 3),
                "{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":100}"));
        items.add(inputs.fromOneOf(
                in -> item("A", in.oneOf(in.intBetween(Integer.MIN_VALUE, 0), in.intBetween(1_000_001, Integer.MAX_VALUE)), 1),
                in -> item("A", in.longBetween((long) Integer.MAX_VALUE + 1, Long.MAX_VALUE), 1),
                in -> item("A", 1, in.oneOf(in.longBetween(Long.MIN_VALUE, -1), in.longBetween(10_000_000_001L, Long.MAX_VALUE))),
                in -> item(in.stringOf(Inputs.ALPHA, 65, 5000), 1, 1),
                in -> "{\"sku\":\"A\",\"quantity\":" + in.oneOf("\"two\"", "true", "[]", "{}", "1.5", "null") + ",\"unitPriceCents\":1}",
                in -> in.oneOf("null", "{}", "\"item\"", "[]")));
        return items;
    }

    // No string among these: a string is the right type for customerId, and "x" would be a valid order.
    private static String wrongType(Inputs inputs) {
        String value = inputs.oneOf("1", "1.5", "true", "[]", "{}", "null");
        return inputs.suchThat(in -> in.oneOf(
                "{\"customerId\":" + value + ",\"currency\":\"EUR\",\"items\":[" + ITEM + "]}",
                "{\"customerId\":\"c\",\"currency\":" + value + ",\"items\":[" + ITEM + "]}",
                "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":" + value + "}"), b -> !b.contains("\"items\":[]"));
    }

    static String notUuid(Inputs inputs) {
        return inputs.suchThat(in -> in.anyString(1, 60), s -> !isUuid(s) && !s.equals(".") && !s.equals(".."));
    }

    static String badCancelBody(Inputs inputs) {
        return inputs.fromOneOf(
                in -> in.oneOf("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":null}", "{\"reason\":1}", "[]", "", "{"),
                in -> "{\"reason\":\"" + in.stringOf(Inputs.ALPHA, 501, 3000) + "\"}");
    }

    private static void assertRefusedWithoutWrite(Supplier<HttpResponse<String>> request) {
        int before = service.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class);
        assertProblem(request.get());
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class)).isEqualTo(before);
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean notIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String item(String sku, long quantity, long unitPriceCents) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPriceCents\":" + unitPriceCents + "}";
    }

    private static String order(String customer, String currencyJsonOrCode, String items) {
        String currency = currencyJsonOrCode.startsWith("\"") ? currencyJsonOrCode : "\"" + currencyJsonOrCode + "\"";
        return "{\"customerId\":\"" + customer + "\",\"currency\":" + currency + ",\"items\":" + items + "}";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
