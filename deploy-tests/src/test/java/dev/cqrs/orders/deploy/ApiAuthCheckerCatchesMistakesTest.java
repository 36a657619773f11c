package dev.cqrs.orders.deploy;

import static dev.cqrs.orders.deploy.CheckersCatchMistakesTest.container;
import static dev.cqrs.orders.deploy.CheckersCatchMistakesTest.edit;
import static dev.cqrs.orders.deploy.CheckersCatchMistakesTest.generatedName;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The bearer-token checks of {@link ApiAuth} catch each way a deployment could end up with an open order API or a
 * default issuer: the real manifests and compose file, each broken on purpose.
 */
class ApiAuthCheckerCatchesMistakesTest {

    private static final String COMMAND = "order-command-service";
    private static final String QUERY = "order-query-service";
    private static final String CONSOLE = "ops-console";

    private static EnvVar env(Deployment deployment, String name) {
        return container(deployment).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }

    @Nested
    class Kubernetes {

        private List<String> dev(List<HasMetadata> objects) {
            return KubernetesChecker.check(objects, ServiceModule.all(), true);
        }

        private List<String> prod(List<HasMetadata> objects) {
            return KubernetesChecker.check(objects, ServiceModule.all(), false);
        }

        @Test
        void apiAuthSwitchedOffOrLeftOut() {
            var off = edit(Overlays.dev(), Deployment.class, COMMAND, d -> env(d, ApiAuth.ENABLED).setValue("false"));
            assertThat(dev(off)).anyMatch(p -> p.contains("Deployment/order-command-service: API_AUTH_ENABLED is false"));
            var missing = edit(Overlays.prod(), Deployment.class, QUERY,
                    d -> container(d).getEnv().removeIf(e -> e.getName().equals(ApiAuth.ENABLED)));
            assertThat(prod(missing)).anyMatch(p -> p.contains("Deployment/order-query-service: API_AUTH_ENABLED is not set"));
        }

        @Test
        void jwkSetWrittenIntoTheManifestOrMissing() {
            var literal = edit(Overlays.prod(), Deployment.class, COMMAND, d -> {
                env(d, ApiAuth.JWK_SET_URI).setValueFrom(null);
                env(d, ApiAuth.JWK_SET_URI).setValue("https://login.example.com/jwks");
            });
            assertThat(prod(literal)).anyMatch(p -> p.contains("Deployment/order-command-service: "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI does not come from ConfigMap orders-auth"));
            var none = edit(Overlays.prod(), Deployment.class, QUERY,
                    d -> container(d).getEnv().removeIf(e -> e.getName().equals(ApiAuth.JWK_SET_URI)));
            assertThat(prod(none)).anyMatch(p -> p.contains("Deployment/order-query-service: neither "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI nor"));
        }

        @Test
        void anOptionalReferenceWouldStartThePodWithoutAnIssuer() {
            var optional = edit(Overlays.prod(), Deployment.class, COMMAND,
                    d -> env(d, ApiAuth.JWK_SET_URI).getValueFrom().getConfigMapKeyRef().setOptional(true));
            assertThat(prod(optional)).anyMatch(p -> p.contains("the ConfigMap reference for "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI is optional"));
        }

        @Test
        void prodThatCarriesADefaultIssuer() {
            List<HasMetadata> withDefault = new ArrayList<>(Overlays.prod());
            withDefault.add(new ConfigMapBuilder().withNewMetadata().withName("orders-auth").withNamespace("cqrs-outbox")
                    .withLabels(Map.of(KubernetesChecker.PART_OF, "cqrs-outbox")).endMetadata()
                    .addToData("jwk-set-uri", "https://issuer.example/jwks").addToData("audiences", "orders-api").build());
            assertThat(prod(withDefault)).anyMatch(p -> p.contains("Deployment/order-command-service: this overlay carries"
                    + " ConfigMap orders-auth, a default issuer"));
            assertThat(dev(Overlays.dev())).noneMatch(p -> p.contains("a default issuer"));
        }

        @Test
        void devConfigMapWithoutTheJwkSetKey() {
            var broken = edit(Overlays.dev(), ConfigMap.class, generatedName(Overlays.dev(), "orders-auth"),
                    c -> c.getData().remove("jwk-set-uri"));
            assertThat(dev(broken)).anyMatch(p -> p.contains("env SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI refers"
                    + " to ConfigMap " + generatedName(Overlays.dev(), "orders-auth") + " key jwk-set-uri, which this overlay"
                    + " does not contain"));
        }

        @Test
        void egressThatCannotReachTheIssuer() {
            var broken = edit(Overlays.prod(), NetworkPolicy.class, QUERY, p -> p.getSpec().getEgress()
                    .removeIf(rule -> rule.getPorts().stream().anyMatch(port -> Integer.valueOf(443).equals(port.getPort().getIntVal()))));
            assertThat(prod(broken)).anyMatch(p -> p.contains("Deployment/order-query-service: no NetworkPolicy egress rule"
                    + " allows port 443 to the issuer's JWK set"));
        }

        @Test
        void theConsoleIsNoResourceServer() {
            var broken = edit(Overlays.dev(), Deployment.class, CONSOLE,
                    d -> container(d).getEnv().add(new EnvVar(ApiAuth.JWK_SET_URI, "https://issuer.example/jwks", null)));
            assertThat(dev(broken)).anyMatch(p -> p.contains("Deployment/ops-console: sets "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI, which ops-console's application.yml does not read"));
        }
    }

    @Nested
    class Compose {

        private Map<String, Object> compose() {
            return Yamls.load(RepoFiles.read("docker-compose.yml"));
        }

        private Map<String, Object> environment(Map<String, Object> compose, String service) {
            return Yamls.map(Yamls.map(Yamls.map(compose.get("services")).get(service)).get("environment"));
        }

        private List<String> problems(Map<String, Object> compose) {
            return ComposeChecker.check(compose, ServiceModule.all(), Overlays.images(Overlays.dev()),
                    RepoFiles.read(".env.example"));
        }

        @Test
        void apiAuthSwitchedOff() {
            Map<String, Object> compose = compose();
            environment(compose, QUERY).put(ApiAuth.ENABLED, "false");
            assertThat(problems(compose)).anyMatch(p -> p.contains("docker-compose.yml order-query-service: API_AUTH_ENABLED is false"));
        }

        @Test
        void jwkSetWithADefaultOrWrittenIn() {
            Map<String, Object> compose = compose();
            environment(compose, COMMAND).put(ApiAuth.JWK_SET_URI, "${ORDERS_JWK_SET_URI:-https://login.example.com/jwks}");
            environment(compose, QUERY).put(ApiAuth.JWK_SET_URI, "https://login.example.com/jwks");
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("docker-compose.yml order-command-service: "
                            + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI is ${ORDERS_JWK_SET_URI:-https://"))
                    .anyMatch(p -> p.contains("docker-compose.yml order-query-service: "
                            + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI is https://login.example.com/jwks;"
                            + " take it from .env with no default"));
        }

        @Test
        void noIssuerAtAll() {
            Map<String, Object> compose = compose();
            environment(compose, COMMAND).remove(ApiAuth.JWK_SET_URI);
            assertThat(problems(compose)).anyMatch(p -> p.contains("docker-compose.yml order-command-service: neither"));
        }
    }

    @Test
    void variablesAdminSecurityReadsCountForTheModulesThatRunIt(@TempDir Path sources) throws Exception {
        Files.createDirectories(sources.resolve("java"));
        Files.writeString(sources.resolve("java/Config.java"), "@Value(\"${API_AUTH_ENABLED:true}\") @Value(\"${JWT_AUDIENCES}\")");
        Files.writeString(sources.resolve("defaults.yml"), "enabled: \"$API_AUTH_OFF\"");
        assertThat(AdminSecuritySources.scan(sources)).isEqualTo(Set.of("API_AUTH_ENABLED", "JWT_AUDIENCES"));
        assertThat(AdminSecuritySources.scan(sources.resolve("missing"))).isEmpty();
    }
}
