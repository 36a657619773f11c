package dev.cqrs.orders.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** One deployable module (a service or the ops console) and the facts about it taken from its own files. */
record ServiceModule(String name, SpringServiceConfig config, ModulePom pom) {

    /** The two services of the CQRS flow. */
    static final List<String> SERVICES = List.of("order-command-service", "order-query-service");
    /** Everything that is deployed as an image of ours: the services and the operators' console. */
    static final List<String> NAMES = List.of("order-command-service", "order-query-service", "ops-console");
    /** The module whose Spring auto-configuration protects /admin and /actuator with the operators of ADMIN_USERS. */
    static final String ADMIN_SECURITY = "admin-security";
    /**
     * The shutdown phases of each module's Spring context that may each wait up to spring.lifecycle.timeout-per-shutdown-phase
     * (any other phase ends at once): the web server's in-flight requests everywhere; the relay (RelayLeadership) in
     * the command service; rebuilds (Rebuilds) and the Kafka listener containers in the query service.
     */
    static final Map<String, Integer> WAITING_SHUTDOWN_PHASES = Map.of(
            "order-command-service", 2, "order-query-service", 3, "ops-console", 1);

    /**
     * What each service's JVM needs beside a full heap under load, measured with room to spare (docs/OPERATIONS.md,
     * "Memory"). A pod's limit must hold it next to the heap's share, or the kernel kills the pod before the JVM notices.
     */
    static final Map<String, Integer> BESIDE_HEAP_MIB = Map.of("order-command-service", 288, "order-query-service", 288);

    static List<ServiceModule> all() {
        return NAMES.stream().map(ServiceModule::load).toList();
    }

    static ServiceModule load(String name) {
        SpringServiceConfig config = SpringServiceConfig.parse(RepoFiles.read(name + "/src/main/resources/application.yml"));
        ModulePom pom = ModulePom.parse(RepoFiles.read(name + "/pom.xml"));
        return new ServiceModule(name, config, pom);
    }

    static List<ServiceModule> services() {
        return SERVICES.stream().map(ServiceModule::load).toList();
    }

    /**
     * Whether the module reads an environment variable: a {@code ${NAME:...}} placeholder of its application.yml or of
     * admin-security's sources (its security auto-configuration, when the module runs it), or one of the variables
     * Spring Boot binds to the resource server's properties by itself.
     */
    boolean reads(String variable) {
        return config.reads(variable) || ApiAuth.springBinds(this, variable)
                || needsAdminCredential() && AdminSecuritySources.placeholders().contains(variable);
    }

    /** Whether the module runs admin-security, so that it is useless (every admin request refused) without ADMIN_USERS. */
    boolean needsAdminCredential() {
        return pom.dependsOn(ADMIN_SECURITY);
    }

    /** What the module's JVM needs beside its heap, in MiB; 0 where it was not measured (the console). */
    int besideHeapMib() {
        return BESIDE_HEAP_MIB.getOrDefault(name, 0);
    }

    int waitingShutdownPhases() {
        return WAITING_SHUTDOWN_PHASES.get(name);
    }

    ServiceModule withConfig(SpringServiceConfig other) {
        return new ServiceModule(name, other, pom);
    }

    ServiceModule withPom(ModulePom other) {
        return new ServiceModule(name, config, other);
    }

    /** The image both compose and Kubernetes run: cqrs-outbox/{artifactId}:{version without -SNAPSHOT}. */
    String image() {
        return "cqrs-outbox/" + pom.artifactId() + ":" + pom.releaseVersion();
    }

    /** The executable jar, relative to the repository root (the Docker build context). */
    String execJarPath() {
        return name + "/target/" + pom.execJarName();
    }

    String dockerfilePath() {
        return "docker/" + name + ".Dockerfile";
    }

    Dockerfile dockerfile() {
        return Dockerfile.parse(RepoFiles.read(dockerfilePath()));
    }

    String dockerignore() {
        var file = RepoFiles.path(dockerfilePath() + ".dockerignore");
        return Files.exists(file) ? RepoFiles.read(file) : null;
    }
}
