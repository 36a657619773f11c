package dev.cqrs.orders.deploy;

import java.nio.file.Files;
import java.util.List;

/** One deployable service module and the facts about it taken from its own files. */
record ServiceModule(String name, SpringServiceConfig config, ModulePom pom) {

    static final List<String> NAMES = List.of("order-command-service", "order-query-service");

    static List<ServiceModule> all() {
        return NAMES.stream().map(ServiceModule::load).toList();
    }

    static ServiceModule load(String name) {
        SpringServiceConfig config = SpringServiceConfig.parse(RepoFiles.read(name + "/src/main/resources/application.yml"));
        ModulePom pom = ModulePom.parse(RepoFiles.read(name + "/pom.xml"));
        return new ServiceModule(name, config, pom);
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
