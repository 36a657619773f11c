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
        problems.addAll(slotWalCapProblems(where, settings.get("max_slot_wal_keep_size")));
        return problems;
    }

    /**
     * The slot keeps WAL until the relay confirms it: without a cap a stuck relay fills the disk and stops the database.
     * The cap makes PostgreSQL invalidate the slot instead (the relay then reports SLOT_LOST; docs/replication-slot.md).
     */
    static List<String> slotWalCapProblems(String where, String value) {
        if (value == null) {
            return List.of(where + ": max_slot_wal_keep_size is not set: a stuck relay's slot would keep WAL until the"
                    + " disk is full (set a size, e.g. 2GB; docs/replication-slot.md)");
        }
        Long megabytes = megabytes(value);
        if (megabytes == null) {
            return List.of(where + ": max_slot_wal_keep_size=" + value + " is not a size (e.g. 2GB, 512MB)");
        }
        if (megabytes < 0) {
            return List.of(where + ": max_slot_wal_keep_size=" + value + " is unlimited: a stuck relay's slot would keep"
                    + " WAL until the disk is full");
        }
        if (megabytes < 1024) {
            return List.of(where + ": max_slot_wal_keep_size=" + value + " is below 1GB: a relay outage of minutes"
                    + " under load would invalidate the slot");
        }
        return List.of();
    }

    /** PostgreSQL's size syntax for this setting: a number, in MB without a unit, or with kB, MB, GB or TB. */
    private static Long megabytes(String value) {
        var size = java.util.regex.Pattern.compile("(-?\\d+)\\s*(kB|MB|GB|TB)?").matcher(value.strip().replace("'", ""));
        if (!size.matches()) {
            return null;
        }
        long number = Long.parseLong(size.group(1));
        if (number < 0) {
            return -1L;
        }
        String unit = size.group(2) == null ? "MB" : size.group(2);
        return switch (unit) {
            case "kB" -> number / 1024;
            case "GB" -> number * 1024;
            case "TB" -> number * 1024 * 1024;
            default -> number;
        };
    }
}
