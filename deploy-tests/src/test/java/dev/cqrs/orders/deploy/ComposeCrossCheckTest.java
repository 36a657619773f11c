package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** docker-compose.yml agrees with the services, the Dockerfiles, the dev overlay's images and .env.example. */
class ComposeCrossCheckTest {

    @Test
    void composeAgreesWithTheServicesKubernetesAndEnvExample() {
        Map<String, Object> compose = Yamls.load(RepoFiles.read("docker-compose.yml"));
        assertThat(ComposeChecker.check(compose, ServiceModule.all(), Overlays.images(Overlays.dev()),
                RepoFiles.read(".env.example"))).isEmpty();
    }

    @Test
    void infrastructureImagesAreTheAgreedOnes() {
        Map<String, Object> services = Yamls.map(Yamls.load(RepoFiles.read("docker-compose.yml")).get("services"));
        assertThat(Yamls.map(services.get("postgres")).get("image")).isEqualTo("postgres:17");
        assertThat(Yamls.map(services.get("kafka")).get("image")).isEqualTo("apache/kafka:4.1.2");
        assertThat(Yamls.map(services.get("mongo")).get("image")).isEqualTo("mongo:8");
    }
}
