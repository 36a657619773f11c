package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's Dockerfile agrees with its module (see DockerfileChecker). No image is built: there is no engine. */
class DockerfileCrossCheckTest {

    static final java.util.List<String> MODULES = ServiceModule.NAMES;

    @ParameterizedTest
    @FieldSource("MODULES")
    void dockerfileAgreesWithTheModule(String name) {
        ServiceModule module = ServiceModule.load(name);
        assertThat(DockerfileChecker.check(module, module.dockerfile(), module.dockerignore())).isEmpty();
    }
}
