package dev.cqrs.orders.qa.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cqrs.orders.qa.config.Setting;

/**
 * The command line, parsed strictly: every option is known ({@code --name value} or {@code --name=value}), a switch
 * takes no value, and nothing is given twice. A mistake is a {@link UsageException} that names it.
 */
final class Options {

    /** A mistake on the command line: exit code 2, with the message and a pointer to --help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final List<String> VALUED = List.of("--command-url", "--query-url", "--admin-auth", "--admin-auth-file", "--api-token-file",
            "--kafka-bootstrap", "--jdbc-url", "--jdbc-user", "--jdbc-password-file", "--data-dir", "--work-dir",
            "--fault-driver", "--namespace", "--kube-context", "--kubectl", "--command-selector", "--query-selector",
            "--postgres-selector", "--kafka-selector", "--mongo-selector", "--fault-timeout-seconds", "--reconcile");
    static final List<String> SWITCHES = List.of("--allow-faults-on-target", "--own-system", "--help");

    private final Map<String, String> values;
    private final Set<String> switches;

    private Options(Map<String, String> values, Set<String> switches) {
        this.values = values;
        this.switches = switches;
    }

    static Options parse(String... args) {
        Set<String> valued = new HashSet<>(VALUED);
        for (Setting setting : Setting.values()) {
            valued.add(setting.flag());
        }
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (arg.equals("-h")) {
                name = "--help";
            }
            if (SWITCHES.contains(name)) {
                if (!name.equals(arg) && !arg.equals("-h")) {
                    throw new UsageException(name + " takes no value");
                }
                switches.add(name);
            } else if (valued.contains(name)) {
                String value;
                if (!name.equals(arg)) {
                    value = arg.substring(name.length() + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new Options(values, switches);
    }

    String value(String flag) {
        return values.get(flag);
    }

    String value(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    boolean has(String flag) {
        return values.containsKey(flag) || switches.contains(flag);
    }

    /** The value of a run setting by its key, or null for its default. */
    String setting(String key) {
        for (Setting setting : Setting.values()) {
            if (setting.key().equals(key)) {
                return values.get(setting.flag());
            }
        }
        return null;
    }
}
