package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** P1's optional reference: Debian's pgbench running a script of the baseline's statements, when it is installed. */
final class Pgbench {

    private static final Logger log = LoggerFactory.getLogger(Pgbench.class);
    private static final Path BINARY = Path.of("/usr/bin/pgbench");

    record Result(double tps, int clients) {
        static final Result NONE = new Result(Double.NaN, 0);

        void details(Markdown out) {
            if (!Double.isNaN(tps)) {
                out.line("Also for reference, Debian's `pgbench -M prepared` running the same statements (one per round trip) with "
                        + clients + " clients on the baseline database: **" + Fmt.rate(tps) + " tps**.");
                out.line();
            }
        }
    }

    private Pgbench() {
    }

    /** pgbench with {@code clients} clients on P1's baseline database for as long as P1 measures. */
    static Result run(Bench bench, int clients) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            bench.notes().add("pgbench is not installed; only the raw-JDBC baseline ran");
            return Result.NONE;
        }
        Settings settings = bench.settings();
        Path script = settings.workDir().resolve("create-order.pgbench");
        Files.writeString(script, script(), StandardCharsets.UTF_8);
        int port = bench.system().ports().postgres();
        Process process = new ProcessBuilder(BINARY.toString(), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Long.toString(settings.p1Measure().toSeconds()),
                "-f", script.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", Databases.USER,
                CommandThroughput.BASELINE_DATABASE).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(settings.p1Measure().toSeconds() + 60, TimeUnit.SECONDS);
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        if (!tps.find()) {
            throw new IOException("no tps in pgbench's output: " + output.lines()
                    .filter(line -> line.contains("error") || line.contains("ERROR")).limit(3)
                    .reduce((a, b) -> a + " | " + b).orElse(output.lines().reduce((a, b) -> b).orElse("")));
        }
        Result result = new Result(Double.parseDouble(tps.group(1)), clients);
        log.info("pgbench, {} clients: {} tps", clients, Fmt.rate(result.tps()));
        return result;
    }

    /** The baseline's transaction (OrderSql) as a pgbench script, with random ids. */
    private static String script() {
        String payload = "{\"eventId\":\"00000000-0000-0000-0000-000000000000\",\"eventType\":\"OrderCreated\",\"schemaVersion\":2,"
                + "\"aggregateType\":\"Order\",\"aggregateId\":\"00000000-0000-0000-0000-000000000000\",\"aggregateVersion\":1,"
                + "\"occurredAt\":\"2025-01-01T00:00:00.123456Z\",\"data\":{\"orderId\":\"00000000-0000-0000-0000-000000000000\","
                + "\"customerId\":\"bench-c-123\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-12\",\"quantity\":2,"
                + "\"unitPriceCents\":1250},{\"sku\":\"PEN-34\",\"quantity\":3,\"unitPriceCents\":199}],\"discountCents\":0}}";
        String id = "(lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid";
        String eventId = "(lpad(to_hex(:c::bigint), 16, '0') || lpad(to_hex(:d::bigint), 16, '0'))::uuid";
        return String.join("\n",
                "\\set a random(1, 9223372036854775806)",
                "\\set b random(1, 9223372036854775806)",
                "\\set c random(1, 9223372036854775806)",
                "\\set d random(1, 9223372036854775806)",
                "BEGIN;",
                "INSERT INTO orders (id, customer_id, currency, discount_cents, status, version, cancellation_reason, created_at,"
                        + " updated_at) VALUES (" + id + ", 'bench-c-123', 'EUR', 0, 'CREATED', 1, NULL, now(), now());",
                "INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents) VALUES (" + id + ", 1, 'BOOK-12', 2, 1250);",
                "INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents) VALUES (" + id + ", 2, 'PEN-34', 3, 199);",
                "INSERT INTO outbox (id, aggregatetype, aggregateid, type, timestamp, payload, aggregate_version, schema_version,"
                        + " traceparent) VALUES (" + eventId + ", 'Order', " + id + "::text, 'OrderCreated', now(), '" + payload
                        + "'::jsonb, 1, 2, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');",
                "DELETE FROM outbox WHERE id = " + eventId + ";",
                "END;", "");
    }
}
