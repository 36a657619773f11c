package dev.cqrs.orders.qa.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger as a file, one JSON object per line: a header ({@value #FORMAT}, run id, customers), then one line per
 * order with its spec (what was sent) and its state (what came of it), so that {@code --reconcile} can check a
 * target again later, for example after a deploy or a restore, without new load.
 */
public final class LedgerFile {

    static final String FORMAT = "qa-ledger/1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LedgerFile() {
    }

    public static void write(Path file, Ledger ledger) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("format", FORMAT);
                header.put("runId", ledger.runId());
                header.put("customers", ledger.customers());
                out.write(JSON.writeValueAsString(header));
                out.newLine();
                for (OrderRecord order : ledger.orders()) {
                    out.write(JSON.writeValueAsString(line(order.spec(), order.state())));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the ledger to " + file, e);
        }
    }

    /** Reads a ledger written by {@link #write}; a file of another format fails with a message naming the line. */
    public static Ledger read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ledger " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: not a ledger of the QA suite");
        }
        JsonNode header = parse(file, 1, lines.get(0));
        if (!FORMAT.equals(header.path("format").asString(""))) {
            throw new IllegalArgumentException(file + " line 1: not a ledger of the QA suite (expected format " + FORMAT + ")");
        }
        List<String> customers = new ArrayList<>();
        header.path("customers").forEach(customer -> customers.add(customer.asString()));
        List<OrderRecord> orders = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                JsonNode line = parse(file, i + 1, lines.get(i));
                try {
                    orders.add(OrderRecord.restore(spec(line), state(line)));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new Ledger(header.path("runId").asString(), customers, orders);
    }

    private static JsonNode parse(Path file, int number, String line) {
        try {
            return JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " line " + number + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> line(OrderSpec spec, OrderRecord.State state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("index", spec.index());
        map.put("idempotencyKey", spec.idempotencyKey());
        map.put("orderId", state.orderId());
        map.put("customerId", spec.customerId());
        map.put("currency", spec.currency());
        map.put("lines", spec.lines());
        map.put("discountCents", spec.discountCents());
        map.put("totalCents", spec.totalCents());
        map.put("steps", spec.steps());
        map.put("cancellationReason", spec.cancellationReason());
        map.put("expectedStatus", state.status());
        map.put("expectedVersion", state.version());
        if (state.ambiguousStatus() != null) {
            map.put("orStatus", state.ambiguousStatus());
            map.put("orVersion", state.ambiguousVersion());
        }
        map.put("statusAtVersion", new TreeMap<>(state.statusAtVersion()));
        map.put("createUnresolved", state.createUnresolved());
        map.put("commands", state.commands());
        map.put("errors", state.errors());
        return map;
    }

    private static OrderSpec spec(JsonNode line) {
        List<OrderSpec.Line> items = new ArrayList<>();
        line.path("lines").forEach(item -> items.add(new OrderSpec.Line(item.path("sku").asString(),
                item.path("quantity").asInt(), item.path("unitPriceCents").asLong())));
        List<OrderSpec.Step> steps = new ArrayList<>();
        line.path("steps").forEach(step -> steps.add(new OrderSpec.Step(
                Transition.valueOf(step.path("transition").asString()), step.path("valid").asBoolean())));
        return new OrderSpec(line.path("index").asInt(), line.path("idempotencyKey").asString(),
                line.path("customerId").asString(), line.path("currency").asString(), items,
                line.path("discountCents").asLong(), steps, line.path("cancellationReason").asString(""));
    }

    private static OrderRecord.State state(JsonNode line) {
        Map<Long, OrderStatus> statusAtVersion = new TreeMap<>();
        line.path("statusAtVersion").properties()
                .forEach(entry -> statusAtVersion.put(Long.parseLong(entry.getKey()), OrderStatus.valueOf(entry.getValue().asString())));
        List<OrderRecord.Command> commands = new ArrayList<>();
        line.path("commands").forEach(command -> commands.add(new OrderRecord.Command(command.path("name").asString(),
                OrderRecord.Outcome.valueOf(command.path("outcome").asString()), command.path("version").asLong(),
                command.path("httpStatus").asInt(), command.path("atMillis").asLong(), command.path("attempts").asInt(),
                command.path("uncertain").asBoolean(), command.path("detail").asString(""))));
        List<String> errors = new ArrayList<>();
        line.path("errors").forEach(error -> errors.add(error.asString()));
        return new OrderRecord.State(textOrNull(line, "orderId"), status(line, "expectedStatus"),
                line.path("expectedVersion").asLong(), status(line, "orStatus"), line.path("orVersion").asLong(0),
                statusAtVersion, line.path("createUnresolved").asBoolean(), commands, errors);
    }

    private static OrderStatus status(JsonNode line, String field) {
        String text = textOrNull(line, field);
        return text == null ? null : OrderStatus.valueOf(text);
    }

    private static String textOrNull(JsonNode line, String field) {
        JsonNode node = line.path(field);
        return node.isNull() || node.isMissingNode() ? null : node.asString();
    }
}
