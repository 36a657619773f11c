package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server settings a postgres command line passes with {@code -c name=value}, and what the relay needs of them. */
final class PostgresSettings {

    private PostgresSettings() {
    }

    static Map<String, String> parse(List<String> argv) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            String setting = null;
            if (arg.equals("-c") && i + 1 < argv.size()) {
                setting = argv.get(++i);
            } else if (arg.startsWith("-c") && arg.length() > 2) {
                setting = arg.substring(2);
            } else if (arg.startsWith("--") && arg.contains("=")) {
                setting = arg.substring(2);
            }
            if (setting != null && setting.contains("=")) {
                String[] kv = setting.split("=", 2);
                settings.put(kv[0].trim().replace('-', '_'), kv[1].trim());
            }
        }
        return settings;
    }

    /** Debezium streams from a logical replication slot: wal_level=logical, and room for senders and slots. */
    static List<String> problems(String where, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        if (!"logical".equals(settings.get("wal_level"))) {
            problems.add(where + ": postgres runs without wal_level=logical (has " + settings.get("wal_level")
                    + "): the relay's logical replication slot needs it");
        }
        for (String name : List.of("max_wal_senders", "max_replication_slots")) {
            String value = settings.get(name);
            if (value != null && (!value.matches("\\d+") || Integer.parseInt(value) < 4)) {
                problems.add(where + ": " + name + "=" + value + ", needs at least 4");
            } else if (value == null) {
                problems.add(where + ": " + name + " is not set (needs at least 4; say so explicitly)");
            }
        }
        return problems;
    }
}
