package dev.cqrs.orders.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated bad input against the real service: every answer is a 4xx problem+json, never a 5xx, and nothing is
 * written (no order row, hence no outbox row: they only exist together).
 */
class CommandApiFuzzIT {

    static RunningCommandService service;

    @BeforeContainer
    static void start() {
        service = RunningCommandService.start(TestInfra.newDatabase("command_fuzz"));
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    @Property(tries = 150)
    void badCreateBodiesAreRefusedWithProblemJson(@ForAll("badCreateBodies") String body) {
        assertRefusedWithoutWrite(() -> service.post("/orders", body));
    }

    @Property(tries = 60)
    void invalidOrderIdsInThePathAreRefused(@ForAll("notUuids") String id, @ForAll("transitions") String transition) {
        String path = "/orders/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/" + transition;
        assertRefusedWithoutWrite(() -> service.post(path, "{\"reason\":\"r\"}"));
    }

    @Property(tries = 40)
    void badCancelBodiesAreRefused(@ForAll("badCancelBodies") String body) {
        String id = service.createOrder("fuzz-cancel");
        HttpResponse<String> response = service.post("/orders/" + id + "/cancel", body);
        assertProblem(response);
        assertThat(service.jdbc().queryForObject("SELECT status FROM orders WHERE id = ?::uuid", String.class, id)).isEqualTo("CREATED");
    }

    @Property(tries = 5)
    void oversizedBodiesAre413(@ForAll("oversized") String body) {
        HttpResponse<String> response = service.post("/orders", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response);
    }

    @Provide
    Arbitrary<String> badCreateBodies() {
        Arbitrary<String> goodItem = Arbitraries.just("{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":100}");
        Arbitrary<String> badQuantity = Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0),
                        Arbitraries.integers().greaterOrEqual(1_000_001))
                .map(q -> "{\"sku\":\"A\",\"quantity\":" + q + ",\"unitPriceCents\":1}");
        Arbitrary<String> hugeNumber = Arbitraries.longs().greaterOrEqual((long) Integer.MAX_VALUE + 1)
                .map(q -> "{\"sku\":\"A\",\"quantity\":" + q + ",\"unitPriceCents\":1}");
        Arbitrary<String> badPrice = Arbitraries.oneOf(Arbitraries.longs().lessOrEqual(-1), Arbitraries.longs().greaterOrEqual(10_000_000_001L))
                .map(p -> "{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":" + p + "}");
        Arbitrary<String> longSku = Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(5000)
                .map(sku -> "{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPriceCents\":1}");
        Arbitrary<String> wrongTypeItem = Arbitraries.of("\"two\"", "true", "[]", "{}", "1.5", "null")
                .map(v -> "{\"sku\":\"A\",\"quantity\":" + v + ",\"unitPriceCents\":1}");
        Arbitrary<String> badItem = Arbitraries.oneOf(badQuantity, hugeNumber, badPrice, longSku, wrongTypeItem,
                Arbitraries.of("null", "{}", "\"item\"", "[]"));
        Arbitrary<String> bodyWithBadItem = Combinators.combine(goodItem.list().ofMaxSize(3), badItem)
                .as((good, bad) -> order("c", "EUR", "[" + String.join(",", concat(good, bad)) + "]"));

        Arbitrary<String> unknownCurrency = Arbitraries.strings().withCharRange('A', 'Z').ofLength(3)
                .filter(CommandApiFuzzIT::notIsoCurrency).map(c -> order("c", c, "[" + "{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}" + "]"));
        Arbitrary<String> oddCurrency = Arbitraries.strings().ofMaxLength(8).filter(c -> !c.matches("[A-Z]{3}"))
                .map(c -> order("c", json(c), "[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]"));
        Arbitrary<String> longCustomer = Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(10_000)
                .map(c -> order(c, "EUR", "[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]"));
        Arbitrary<String> emptyItems = Arbitraries.just(order("c", "EUR", "[]"));
        Arbitrary<String> tooManyItems = Arbitraries.integers().between(101, 300)
                .map(n -> order("c", "EUR", "[" + String.join(",", java.util.Collections.nCopies(n, "{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}")) + "]"));
        Arbitrary<String> missingFields = Arbitraries.of(
                "{}", "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}",
                "{\"customerId\":\"c\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}",
                "{\"customerId\":\"c\",\"currency\":\"EUR\"}",
                "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"quantity\":1,\"unitPriceCents\":1}]}",
                "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"unitPriceCents\":1}]}");
        // No string among these: a string is the right type for customerId, and "x" would be a valid order.
        Arbitrary<String> wrongTypes = Arbitraries.of("1", "1.5", "true", "[]", "{}", "null")
                .flatMap(v -> Arbitraries.of(
                        "{\"customerId\":" + v + ",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}",
                        "{\"customerId\":\"c\",\"currency\":" + v + ",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]}",
                        "{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":" + v + "}"))
                .filter(b -> !b.contains("\"items\":[]"));
        Arbitrary<String> malformed = Arbitraries.strings().ofMaxLength(200)
                .filter(s -> !s.trim().startsWith("{") || !s.trim().endsWith("}"));
        Arbitrary<String> truncated = Arbitraries.integers().between(1, 60)
                .map(n -> order("c", "EUR", "[{\"sku\":\"A\",\"quantity\":1,\"unitPriceCents\":1}]").substring(0, n));
        return Arbitraries.oneOf(bodyWithBadItem, unknownCurrency, oddCurrency, longCustomer, emptyItems, tooManyItems,
                missingFields, wrongTypes, malformed, truncated);
    }

    @Provide
    Arbitrary<String> notUuids() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(60).filter(s -> {
            try {
                java.util.UUID.fromString(s);
                return false;
            } catch (IllegalArgumentException e) {
                return true;
            }
        }).filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Provide
    Arbitrary<String> transitions() {
        return Arbitraries.of("confirm", "ship", "cancel");
    }

    @Provide
    Arbitrary<String> badCancelBodies() {
        return Arbitraries.oneOf(
                Arbitraries.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":null}", "{\"reason\":1}", "[]", "", "{"),
                Arbitraries.strings().alpha().ofMinLength(501).ofMaxLength(3000).map(r -> "{\"reason\":\"" + r + "\"}"));
    }

    @Provide
    Arbitrary<String> oversized() {
        return Arbitraries.integers().between(300_000, 2_000_000)
                .map(n -> order("c", "EUR", "[{\"sku\":\"" + "A".repeat(n) + "\",\"quantity\":1,\"unitPriceCents\":1}]"));
    }

    private static void assertRefusedWithoutWrite(java.util.function.Supplier<HttpResponse<String>> request) {
        int before = service.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class);
        assertProblem(request.get());
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class)).isEqualTo(before);
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static boolean notIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
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

    private static List<String> concat(List<String> good, String bad) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(good);
        all.add(bad);
        java.util.Collections.shuffle(all);
        return all;
    }
}
