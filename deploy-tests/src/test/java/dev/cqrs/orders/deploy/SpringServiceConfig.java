package dev.cqrs.orders.deploy;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service's application.yml says that a deployment must agree with: the environment variables it reads
 * ({@code ${NAME:default}} placeholders), its HTTP port, and the actuator health groups and endpoints it offers.
 */
record SpringServiceConfig(
        Set<String> envNames,
        Map<String, String> envDefaults,
        String portEnvName,
        int port,
        int managementPort,
        String actuatorBasePath,
        Set<String> healthGroups,
        Set<String> exposedEndpoints,
        Duration shutdownPhaseTimeout) {

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?=[:}])");
    private static final Pattern SIMPLE_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^${}]*)}");
    private static final Pattern PORT_VALUE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(\\d+)}|(\\d+)");

    static SpringServiceConfig parse(String applicationYml) {
        List<Map<String, Object>> documents = Yamls.loadAll(applicationYml);
        Set<String> envNames = new TreeSet<>();
        Map<String, String> envDefaults = new TreeMap<>();
        for (Map<String, Object> document : documents) {
            Yamls.eachScalar(document, value -> {
                Matcher m = ENV_PLACEHOLDER.matcher(value);
                while (m.find()) {
                    envNames.add(m.group(1));
                }
                Matcher simple = SIMPLE_PLACEHOLDER.matcher(value);
                while (simple.find()) {
                    envDefaults.putIfAbsent(simple.group(1), simple.group(2));
                }
            });
        }
        // The first document holds the defaults; profile-specific documents only override them.
        Map<String, Object> flat = documents.isEmpty() ? Map.of() : Yamls.flatten(documents.get(0));

        String portEnvName = null;
        int port = 8080;
        Object serverPort = flat.get("server.port");
        if (serverPort != null) {
            Matcher m = PORT_VALUE.matcher(String.valueOf(serverPort).trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("server.port is neither a number nor ${NAME:number}: " + serverPort);
            }
            portEnvName = m.group(1);
            port = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
        }
        int managementPort = port;
        Object mgmtPort = flat.get("management.server.port");
        if (mgmtPort != null) {
            Matcher m = PORT_VALUE.matcher(String.valueOf(mgmtPort).trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("management.server.port is not a number or ${NAME:number}: " + mgmtPort);
            }
            managementPort = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
        }

        String basePath = String.valueOf(flat.getOrDefault("management.endpoints.web.base-path", "/actuator"));

        Set<String> groups = new LinkedHashSet<>();
        if (Boolean.parseBoolean(String.valueOf(flat.get("management.endpoint.health.probes.enabled")))) {
            groups.add("liveness");
            groups.add("readiness");
        }
        String groupPrefix = "management.endpoint.health.group.";
        flat.keySet().stream()
                .filter(key -> key.startsWith(groupPrefix))
                .map(key -> key.substring(groupPrefix.length()).split("\\.")[0])
                .forEach(groups::add);

        Object include = flat.getOrDefault("management.endpoints.web.exposure.include", "health");
        Set<String> exposed = (include instanceof List<?> list ? list.stream().map(String::valueOf)
                : Arrays.stream(String.valueOf(include).split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));

        Duration shutdown = parseDuration(String.valueOf(flat.getOrDefault("spring.lifecycle.timeout-per-shutdown-phase", "30s")));
        return new SpringServiceConfig(Set.copyOf(envNames), Map.copyOf(envDefaults), portEnvName, port, managementPort, basePath,
                Set.copyOf(groups), Set.copyOf(exposed), shutdown);
    }

    static Duration parseDuration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.trim());
        if (!m.matches()) {
            return Duration.parse(value.trim());
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    boolean reads(String envName) {
        return envNames.contains(envName);
    }

    boolean exposes(String endpoint) {
        return exposedEndpoints.contains("*") || exposedEndpoints.contains(endpoint);
    }

    /** The path of a health group, e.g. {@code /actuator/health/readiness}. */
    String healthPath(String group) {
        return actuatorBasePath + "/health/" + group;
    }

    /** The health group a path names, or null when the path is not a health group of this service's actuator. */
    String healthGroupOf(String path) {
        String prefix = actuatorBasePath + "/health/";
        if (path == null || !path.startsWith(prefix) || !exposes("health")) {
            return null;
        }
        String group = path.substring(prefix.length());
        return healthGroups.contains(group) ? group : null;
    }
}
