package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-checks docker-compose.yml against the services (application.yml, pom.xml, Dockerfile), the images that
 * Kubernetes runs, and .env.example.
 */
final class ComposeChecker {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, Object> compose;
    private final List<String> problems = new ArrayList<>();

    private ComposeChecker(Map<String, Object> compose) {
        this.compose = compose;
    }

    /**
     * @param kubernetesImages the image of each Deployment/StatefulSet container, by container name, from k8s/
     * @param envExample       the text of .env.example
     */
    static List<String> check(Map<String, Object> compose, List<ServiceModule> modules, Map<String, String> kubernetesImages,
            String envExample) {
        ComposeChecker checker = new ComposeChecker(compose);
        for (ServiceModule module : modules) {
            checker.checkService(module, modules, kubernetesImages);
        }
        checker.checkInfrastructureImages(kubernetesImages, modules);
        checker.checkVolumes();
        checker.checkEnvExample(envExample);
        return checker.problems;
    }

    private Map<String, Object> services() {
        return Yamls.map(compose.get("services"));
    }

    private void checkService(ServiceModule module, List<ServiceModule> modules, Map<String, String> kubernetesImages) {
        String name = module.name();
        SpringServiceConfig config = module.config();
        Map<String, Object> service = Yamls.map(services().get(name));
        String where = "docker-compose.yml " + name;
        if (service.isEmpty()) {
            problems.add(where + ": no such service");
            return;
        }
        Object image = service.get("image");
        if (!module.image().equals(image)) {
            problems.add(where + ": image " + image + ", expected " + module.image());
        }
        if (kubernetesImages.containsKey(name) && !kubernetesImages.get(name).equals(image)) {
            problems.add(where + ": image " + image + " but k8s runs " + kubernetesImages.get(name));
        }
        Map<String, Object> build = Yamls.map(service.get("build"));
        if (!".".equals(build.get("context")) || !module.dockerfilePath().equals(build.get("dockerfile"))) {
            problems.add(where + ": build must be {context: ., dockerfile: " + module.dockerfilePath() + "}, is " + build);
        }

        Map<String, String> env = environment(service);
        for (String variable : env.keySet()) {
            if (!module.reads(variable)) {
                problems.add(where + ": sets " + variable + ", which " + name + "'s application.yml does not read "
                        + "(no ${" + variable + ":...} placeholder; it reads " + config.envNames() + ")");
            }
        }
        for (String variable : AdminCredential.TEST_ONLY_SWITCHES) {
            if (env.containsKey(variable)) {
                problems.add(where + ": sets " + variable + ", a switch for tests only (fault injection); leave it unset");
            }
        }
        if (module.needsAdminCredential()) {
            String value = env.get(AdminCredential.VARIABLE);
            if (value == null) {
                problems.add(where + ": no " + AdminCredential.VARIABLE + ", so every /admin and protected /actuator "
                        + "request would be refused (401); set it to ${" + AdminCredential.VARIABLE + ":?...} from .env");
            } else if (!AdminCredential.COMPOSE_SUBSTITUTION.matcher(value.strip()).matches()) {
                problems.add(where + ": " + AdminCredential.VARIABLE + " is written into docker-compose.yml; take it from "
                        + ".env: ${" + AdminCredential.VARIABLE + ":?set " + AdminCredential.VARIABLE + " in .env}");
            }
        }
        if (ApiAuth.checksTokens(module)) {
            problems.addAll(ApiAuth.composeProblems(where, env));
        }
        String portValue = config.portEnvName() == null ? null : env.get(config.portEnvName());
        int port = portValue != null && portValue.matches("\\d+") ? Integer.parseInt(portValue) : config.port();
        if (port != config.port()) {
            problems.add(where + ": " + config.portEnvName() + "=" + portValue + " but the image EXPOSEs and k8s uses "
                    + config.port());
        }
        List<Integer> targets = Yamls.list(service.get("ports")).stream().map(ComposeChecker::containerPort).toList();
        if (!targets.equals(List.of(config.port()))) {
            problems.add(where + ": publishes container ports " + targets + ", but " + name + " listens on " + config.port());
        }

        Map<String, Object> dependsOn = Yamls.map(service.get("depends_on"));
        for (String setting : Endpoints.SETTINGS) {
            if (!config.reads(setting)) {
                continue;
            }
            String value = env.get(setting);
            if (value == null) {
                problems.add(where + ": " + setting + " is not set (the application.yml default points at the loopback address)");
                continue;
            }
            for (Endpoints.Endpoint endpoint : Endpoints.of(setting, value)) {
                Map<String, Object> target = Yamls.map(services().get(endpoint.host()));
                if (target.isEmpty()) {
                    problems.add(where + ": " + setting + " points at " + endpoint.host() + ", which is no compose service");
                    continue;
                }
                Object condition = Yamls.map(dependsOn.get(endpoint.host())).get("condition");
                if (endpoint.isServer()) {
                    if (!"service_healthy".equals(condition)) {
                        problems.add(where + ": needs " + endpoint.host() + " (" + setting + ") but does not depend_on it "
                                + "with condition: service_healthy");
                    }
                    if (Yamls.map(target.get("healthcheck")).get("test") == null) {
                        problems.add("docker-compose.yml " + endpoint.host() + ": no healthcheck, so service_healthy never holds");
                    }
                } else {
                    checkServiceUrl(where, setting, endpoint, condition, modules);
                }
                if ("DB_URL".equals(setting)) {
                    problems.addAll(PostgresSettings.problems("docker-compose.yml " + endpoint.host(),
                            PostgresSettings.parse(argv(target.get("command")))));
                }
            }
        }

        Map<String, Object> healthcheck = Yamls.map(service.get("healthcheck"));
        if (healthcheck.get("test") != null) {
            String test = String.join(" ", argv(healthcheck.get("test")));
            if (test.contains("curl") || test.contains("wget")) {
                problems.add(where + ": the healthcheck uses curl/wget, which the eclipse-temurin JRE image does not have");
            }
            if (!test.contains(String.valueOf(config.managementPort())) || !test.contains(config.healthPath("readiness"))) {
                problems.add(where + ": the healthcheck does not ask " + config.healthPath("readiness") + " on port "
                        + config.managementPort());
            }
            if (config.healthGroupOf(config.healthPath("readiness")) == null) {
                problems.add(where + ": the healthcheck asks the readiness group, which " + name + " does not offer");
            }
        }
        if (!Boolean.TRUE.equals(service.get("read_only"))) {
            problems.add(where + ": read_only is not true (the image must run on a read-only root, as in k8s)");
        }
        if (!Yamls.list(service.get("tmpfs")).contains("/tmp")) {
            problems.add(where + ": no tmpfs at /tmp");
        }
    }

    /**
     * The console's URL of one of our services: that service's port, and a start order that does not wait for it to be
     * healthy (the console's job is to show a sick service, so it must come up without it).
     */
    private void checkServiceUrl(String where, String setting, Endpoints.Endpoint endpoint, Object condition,
            List<ServiceModule> modules) {
        ServiceModule target = modules.stream().filter(m -> m.name().equals(endpoint.host())).findFirst().orElse(null);
        if (target == null) {
            problems.add(where + ": " + setting + " points at " + endpoint.host() + ", which is none of our services");
            return;
        }
        if (endpoint.port() != target.config().port()) {
            problems.add(where + ": " + setting + " -> " + endpoint.host() + ":" + endpoint.port() + ", but " + target.name()
                    + " listens on " + target.config().port());
        }
        if ("service_healthy".equals(condition)) {
            problems.add(where + ": waits for " + endpoint.host() + " to be healthy (depends_on condition: service_healthy), "
                    + "but it must start while the services are sick to show what is down; use service_started");
        }
    }

    private void checkInfrastructureImages(Map<String, String> kubernetesImages, List<ServiceModule> modules) {
        Set<String> ours = new TreeSet<>(modules.stream().map(ServiceModule::name).toList());
        services().forEach((name, definition) -> {
            if (ours.contains(name)) {
                return;
            }
            Object image = Yamls.map(definition).get("image");
            if (kubernetesImages.containsKey(name) && !kubernetesImages.get(name).equals(image)) {
                problems.add("docker-compose.yml " + name + ": image " + image + " but the dev overlay runs "
                        + kubernetesImages.get(name));
            }
            if (Yamls.map(Yamls.map(definition).get("healthcheck")).get("test") == null) {
                problems.add("docker-compose.yml " + name + ": no healthcheck");
            }
        });
    }

    private void checkVolumes() {
        Set<String> declared = Yamls.map(compose.get("volumes")).keySet();
        services().forEach((name, definition) -> {
            for (Object volume : Yamls.list(Yamls.map(definition).get("volumes"))) {
                String source = volume instanceof Map<?, ?> m ? String.valueOf(m.get("source")) : String.valueOf(volume).split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/") && !declared.contains(source)) {
                    problems.add("docker-compose.yml " + name + ": volume " + source + " is not declared under volumes:");
                }
            }
        });
    }

    /** Every variable compose substitutes is in .env.example, and .env.example holds nothing compose does not use. */
    private void checkEnvExample(String envExample) {
        Set<String> used = new TreeSet<>();
        Yamls.eachScalar(compose, value -> {
            Matcher m = VARIABLE.matcher(value.replace("$$", ""));
            while (m.find()) {
                used.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        });
        Set<String> documented = new TreeSet<>();
        envExample.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                .forEach(l -> documented.add(l.substring(0, l.indexOf('=')).strip()));
        for (String variable : used) {
            if (!documented.contains(variable)) {
                problems.add("docker-compose.yml uses ${" + variable + "}, which .env.example does not set");
            }
        }
        for (String variable : documented) {
            if (!used.contains(variable)) {
                problems.add(".env.example sets " + variable + ", which docker-compose.yml never uses");
            }
        }
        // The example is what people copy: it must let an operator in, in the format admin-security reads.
        envExample.lines().map(String::strip).filter(l -> l.startsWith(AdminCredential.VARIABLE + "="))
                .map(l -> l.substring(l.indexOf('=') + 1).replaceAll("^'(.*)'$", "$1"))
                .forEach(value -> problems.addAll(AdminCredential.problemsOf(".env.example", value)));
    }

    /** A service's environment as a map, whether compose has it as a map or as a list of NAME=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else {
            for (Object entry : Yamls.list(environment)) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** A command or healthcheck test as its words (compose allows a list or a string). */
    static List<String> argv(Object command) {
        if (command instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return command == null ? List.of() : List.of(String.valueOf(command).trim().split("\\s+"));
    }

    private static Integer containerPort(Object port) {
        if (port instanceof Map<?, ?> map) {
            return Integer.valueOf(String.valueOf(map.get("target")));
        }
        String spec = String.valueOf(port).replaceFirst("/(tcp|udp)$", "");
        String target = spec.substring(spec.lastIndexOf(':') + 1);
        return target.matches("\\d+") ? Integer.valueOf(target) : -1;
    }
}
