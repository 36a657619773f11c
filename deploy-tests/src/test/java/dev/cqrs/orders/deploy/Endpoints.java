package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network endpoints a module's settings point at: the servers (DB_URL, KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI) and,
 * for the ops console, our own services' HTTP APIs (COMMAND_SERVICE_URL, QUERY_SERVICE_URL).
 */
final class Endpoints {

    /** One host and port that a setting points at; {@code host} is null when only the port is known. */
    record Endpoint(String setting, String host, int port) {
        boolean isLoopback() {
            return "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host);
        }

        /** The first label of the host: a Service name for in-cluster hosts such as {@code postgres.ns.svc}. */
        String shortHost() {
            return host == null ? null : host.split("\\.")[0];
        }

        /** A server the module cannot work without (it must be healthy first), as opposed to a service it shows. */
        boolean isServer() {
            return SERVERS.contains(setting);
        }
    }

    static final List<String> SERVERS = List.of("DB_URL", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI");
    static final List<String> SERVICE_URLS = List.of("COMMAND_SERVICE_URL", "QUERY_SERVICE_URL");
    static final List<String> SETTINGS = List.of("DB_URL", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "COMMAND_SERVICE_URL",
            "QUERY_SERVICE_URL");

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?]+)(?:[/?].*)?");
    private static final Pattern HTTP = Pattern.compile("(https?)://([^/?#]+)(?:[/?#].*)?");
    private static final Pattern MONGO = Pattern.compile("mongodb(\\+srv)?://(?:[^@/]*@)?([^/?]+)(?:[/?].*)?");

    private Endpoints() {
    }

    static List<Endpoint> of(String setting, String value) {
        if (value == null) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        switch (setting) {
            case "DB_URL" -> {
                Matcher m = JDBC.matcher(value.trim());
                if (m.matches()) {
                    hosts(setting, m.group(1), 5432, endpoints);
                }
            }
            case "KAFKA_BOOTSTRAP_SERVERS" -> hosts(setting, value.trim(), 9092, endpoints);
            case "MONGODB_URI" -> {
                Matcher m = MONGO.matcher(value.trim());
                if (m.matches() && m.group(1) == null) {
                    hosts(setting, m.group(2), 27017, endpoints);
                }
            }
            case "COMMAND_SERVICE_URL", "QUERY_SERVICE_URL" -> {
                Matcher m = HTTP.matcher(value.trim());
                if (m.matches()) {
                    hosts(setting, m.group(2), "https".equals(m.group(1)) ? 443 : 80, endpoints);
                }
            }
            default -> throw new IllegalArgumentException("not an endpoint setting: " + setting);
        }
        return endpoints;
    }

    private static void hosts(String setting, String list, int defaultPort, List<Endpoint> into) {
        for (String hostPort : list.split(",")) {
            String hp = hostPort.trim().replaceFirst("^[A-Za-z]+://", "");
            if (hp.isEmpty()) {
                continue;
            }
            int colon = hp.lastIndexOf(':');
            if (colon > 0 && hp.substring(colon + 1).matches("\\d+")) {
                into.add(new Endpoint(setting, hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))));
            } else {
                into.add(new Endpoint(setting, hp, defaultPort));
            }
        }
    }
}
