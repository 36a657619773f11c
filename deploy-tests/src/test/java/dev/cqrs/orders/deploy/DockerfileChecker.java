package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a service's Dockerfile against the module: the jar it copies is the one its pom.xml builds, the port it
 * exposes is the service's server.port, it runs as a non-root uid, and it is the agreed layered, two-stage image.
 */
final class DockerfileChecker {

    static final String BASE_IMAGE = "eclipse-temurin:25-jre";
    static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    /** The heap's share of the container's memory limit; the rest is for what the JVM needs beside it. */
    static final int HEAP_PERCENT = 50;
    static final List<String> ENTRYPOINT = List.of("java", "-XX:MaxRAMPercentage=" + HEAP_PERCENT, "-XX:+ExitOnOutOfMemoryError",
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
            "org.springframework.boot.loader.launch.JarLauncher");

    private DockerfileChecker() {
    }

    static List<String> check(ServiceModule module, Dockerfile dockerfile, String dockerignore) {
        List<String> problems = new ArrayList<>();
        String where = module.dockerfilePath() + ": ";
        int froms = dockerfile.all("FROM").size();
        if (froms != 2) {
            problems.add(where + "expected two stages (extract layers, run), found " + froms + " FROM");
        }
        problems.addAll(checkLayeredJar(where, module.execJarPath(), module.name(), dockerfile));
        List<String> exposed = dockerfile.inFinalStage("EXPOSE").stream()
                .flatMap(e -> Arrays.stream(e.arguments().split("\\s+")))
                .map(p -> p.replaceFirst("/tcp$", "")).toList();
        String port = String.valueOf(module.config().port());
        if (!exposed.equals(List.of(port))) {
            problems.add(where + "EXPOSE " + exposed + " but " + module.name() + " listens on " + port
                    + " (server.port default in application.yml)");
        }
        problems.addAll(checkDockerignore(module.dockerfilePath(), module.execJarPath(), dockerignore));
        return problems;
    }

    /**
     * The agreed image of an executable jar: built from {@code jar} (the one its pom.xml builds) in a first stage that
     * extracts Spring Boot's layers, run from those layers in the final stage, both on {@link #BASE_IMAGE}, as a
     * numeric non-root uid, with the exec-form {@link #ENTRYPOINT}.
     */
    static List<String> checkLayeredJar(String where, String jar, String module, Dockerfile dockerfile) {
        List<String> problems = new ArrayList<>();
        for (Dockerfile.Instruction from : dockerfile.all("FROM")) {
            String image = from.arguments().split("\\s+")[0];
            boolean runsJava = from.stage() == 0 || from.stage() == dockerfile.lastStage();
            if (runsJava && !image.equals(BASE_IMAGE)) {
                problems.add(where + "stage " + from.stage() + " is FROM " + image + ", expected " + BASE_IMAGE);
            }
        }
        boolean copiesJar = dockerfile.all("COPY").stream()
                .anyMatch(c -> c.stage() == 0 && Arrays.asList(c.arguments().split("\\s+")).contains(jar));
        if (!copiesJar) {
            problems.add(where + "does not COPY " + jar + " (the jar " + module + "'s pom.xml builds)");
        }
        boolean extracts = dockerfile.all("RUN").stream().anyMatch(r -> r.stage() == 0
                && r.arguments().contains("-Djarmode=tools") && r.arguments().contains("extract")
                && r.arguments().contains("--layers") && r.arguments().contains("--launcher"));
        if (!extracts) {
            problems.add(where + "does not extract the layers with `java -Djarmode=tools -jar app.jar extract --layers --launcher`");
        }
        List<String> copiedLayers = new ArrayList<>();
        for (Dockerfile.Instruction copy : dockerfile.inFinalStage("COPY")) {
            if (copy.arguments().startsWith("--from=")) {
                for (String layer : LAYERS) {
                    if (copy.arguments().contains("/extracted/" + layer + "/")) {
                        copiedLayers.add(layer);
                    }
                }
            }
        }
        if (!copiedLayers.equals(LAYERS)) {
            problems.add(where + "copies the layers " + copiedLayers + ", expected " + LAYERS + " in that order");
        }
        Integer uid = dockerfile.finalUid();
        if (uid == null) {
            problems.add(where + "the final stage has no numeric USER (Kubernetes' runAsNonRoot can only verify a numeric uid)");
        } else if (uid == 0) {
            problems.add(where + "runs as root (USER 0)");
        }
        List<Dockerfile.Instruction> entrypoints = dockerfile.inFinalStage("ENTRYPOINT");
        List<String> entrypoint = entrypoints.isEmpty() ? List.of()
                : parseJsonArray(entrypoints.get(entrypoints.size() - 1).arguments());
        if (!entrypoint.equals(ENTRYPOINT)) {
            problems.add(where + "ENTRYPOINT " + entrypoint + ", expected the exec form " + ENTRYPOINT);
        }
        if (dockerfile.inFinalStage("WORKDIR").isEmpty()) {
            problems.add(where + "no WORKDIR in the final stage: JarLauncher needs the layers in its working directory");
        }
        return problems;
    }

    /** The build context is the repository root: its .dockerignore must let in nothing but the jar. */
    static List<String> checkDockerignore(String dockerfilePath, String jar, String dockerignore) {
        List<String> ignore = dockerignore == null ? List.of() : dockerignore.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (!ignore.contains("*") || !ignore.contains("!" + jar)) {
            return List.of(dockerfilePath + ".dockerignore must exclude everything (*) but !" + jar);
        }
        return List.of();
    }

    /** The exec form of ENTRYPOINT/CMD: a JSON array of plain strings. */
    static List<String> parseJsonArray(String text) {
        String t = text.strip();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return List.of("(shell form) " + t);
        }
        List<String> items = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(t);
        while (m.find()) {
            items.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return items;
    }
}
