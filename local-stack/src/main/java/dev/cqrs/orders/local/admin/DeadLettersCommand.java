package dev.cqrs.orders.local.admin;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * {@code dead-letters [list|show ID|replay ID|discard ID] [--read-model X] [--status S]}: the query service's dead
 * letters, listed as a table, one shown as JSON, or replayed or discarded. Exit 0, 1 when the service refused or was
 * not there, 2 for arguments it cannot use.
 */
public final class DeadLettersCommand {

    /** What the service's IDs are made of ({@code order-view:orders.events:0:42}): safe in a URL path as they are. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:~-]+");
    private static final Set<String> ACTIONS = Set.of("list", "show", "replay", "discard");
    private static final List<String> COLUMNS = List.of("ID", "ROLE", "STATUS", "ORDER", "EVENT", "V", "ATTEMPTS",
            "CREATED", "ERROR");
    private static final List<String> FIELDS = List.of("id", "role", "status", "orderId", "eventType", "aggregateVersion",
            "attempts", "createdAt", "error");

    private final AdminClient client;
    private final PrintStream out;
    private final PrintStream err;

    private String action = "list";
    private String id;
    private String readModel;
    private String status = "OPEN";

    private DeadLettersCommand(AdminClient client, PrintStream out, PrintStream err) {
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** {@code args} are what follows the subcommand's name. */
    public static int run(String[] args, AdminClient client, PrintStream out, PrintStream err) {
        DeadLettersCommand command = new DeadLettersCommand(client, out, err);
        String problem = command.parse(args);
        if (problem != null) {
            err.println("dead-letters: " + problem);
            return 2;
        }
        try {
            command.execute();
            return 0;
        } catch (AdminClient.CallFailed e) {
            err.println("dead-letters: " + e.getMessage());
            return 1;
        }
    }

    /** Null when the arguments make one call, else what is wrong with them. */
    private String parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ACTIONS.contains(arg)) {
                action = arg;
            } else if (arg.equals("--read-model") || arg.equals("--status")) {
                if (i + 1 == args.length) {
                    return arg + " needs a value";
                }
                option(arg, args[++i]);
            } else if (arg.startsWith("--read-model=") || arg.startsWith("--status=")) {
                option(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("-")) {
                return "unknown option " + arg;
            } else if (id != null) {
                return "one ID at a time";
            } else {
                id = arg;
            }
        }
        if (!action.equals("list") && id == null) {
            return action + " needs an ID (IDs: ./run dead-letters list)";
        }
        if (id != null && !ID.matcher(id).matches()) {
            return "'" + id + "' is not a dead letter's ID (IDs: ./run dead-letters list)";
        }
        return null;
    }

    private void option(String name, String value) {
        if (name.equals("--read-model")) {
            readModel = value;
        } else {
            status = value;
        }
    }

    private void execute() {
        switch (action) {
            case "list" -> printTable(client.call("GET", "/admin/dead-letters?status=" + encode(status)
                    + (readModel == null ? "" : "&readModel=" + encode(readModel))));
            case "show" -> printJson(client.call("GET", "/admin/dead-letters/" + id));
            default -> printJson(client.call("POST", "/admin/dead-letters/" + id + "/" + action));
        }
    }

    /** One tab-separated row per letter under a header; a missing or null field shows as {@code -}. */
    private void printTable(JsonNode letters) {
        out.println(String.join("\t", COLUMNS));
        for (JsonNode letter : letters) {
            List<String> cells = new ArrayList<>();
            for (String field : FIELDS) {
                cells.add(cell(letter.path(field)));
            }
            out.println(String.join("\t", cells));
        }
    }

    static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        String text = value.isString() ? value.asString() : value.toString();
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private void printJson(JsonNode answer) {
        if (!answer.isMissingNode()) {
            out.println(answer.toPrettyString());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
