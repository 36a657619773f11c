package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Each cross-check can fail: the same checkers as the real tests, fed a deliberately broken copy of the real
 * manifests, compose file, Dockerfile or service configuration, report the mistake.
 */
class CheckersCatchMistakesTest {

    private static final String COMMAND = "order-command-service";
    private static final String QUERY = "order-query-service";
    private static final String CONSOLE = "ops-console";

    @Nested
    class Kubernetes {

        private List<String> devProblems(List<HasMetadata> objects) {
            return KubernetesChecker.check(objects, ServiceModule.all(), true);
        }

        private List<String> devProblemsWith(List<ServiceModule> modules) {
            return KubernetesChecker.check(Overlays.dev(), modules, true);
        }

        @Test
        void containerPortOtherThanServerPort() {
            var broken = edit(Overlays.dev(), Deployment.class, COMMAND,
                    d -> container(d).getPorts().get(0).setContainerPort(8080));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains(
                    "containerPort [8080] but order-command-service listens on 8081"));
        }

        @Test
        void probeOnAHealthGroupThatDoesNotExist() {
            var broken = edit(Overlays.dev(), Deployment.class, QUERY,
                    d -> container(d).getReadinessProbe().getHttpGet().setPath("/actuator/health/ready"));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("readinessProbe: path /actuator/health/ready is not a health group"));
        }

        @Test
        void probesWhenTheServiceDisablesProbeGroups() {
            ServiceModule query = ServiceModule.load(QUERY);
            String yml = RepoFiles.read(QUERY + "/src/main/resources/application.yml")
                    .replaceFirst("probes:\\s*\\n(\\s*)enabled: true", "probes:\n$1enabled: false");
            List<ServiceModule> modules = List.of(ServiceModule.load(COMMAND), query.withConfig(SpringServiceConfig.parse(yml)));
            assertThat(devProblemsWith(modules)).anyMatch(p -> p.contains("order-query-service livenessProbe: path "
                    + "/actuator/health/liveness is not a health group"));
        }

        @Test
        void variableTheServiceDoesNotRead() {
            var broken = edit(Overlays.dev(), ConfigMap.class, generatedName(Overlays.dev(), "order-command-service-config"),
                    c -> c.getData().put("DATABASE_URL", c.getData().remove("DB_URL")));
            assertThat(devProblems(broken))
                    .anyMatch(p -> p.contains("sets DATABASE_URL, which order-command-service's application.yml does not read"))
                    .anyMatch(p -> p.contains("DB_URL is not set"));
        }

        @Test
        void variableRenamedInTheServiceCode() {
            ServiceModule command = ServiceModule.load(COMMAND);
            String yml = RepoFiles.read(COMMAND + "/src/main/resources/application.yml").replace("${DB_URL:", "${DATASOURCE_URL:");
            List<ServiceModule> modules = List.of(command.withConfig(SpringServiceConfig.parse(yml)), ServiceModule.load(QUERY));
            assertThat(devProblemsWith(modules)).anyMatch(p -> p.contains("sets DB_URL, which order-command-service's application.yml does not read"));
        }

        @Test
        void portVariableDisagreesWithContainerPort() {
            var broken = edit(Overlays.dev(), ConfigMap.class, generatedName(Overlays.dev(), "order-query-service-config"),
                    c -> c.getData().put("QUERY_PORT", "9000"));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("QUERY_PORT=9000 but the containerPort"));
        }

        @Test
        void imageOtherThanTheModuleVersion() {
            var broken = edit(Overlays.dev(), Deployment.class, QUERY,
                    d -> container(d).setImage("cqrs-outbox/order-query-service:latest"));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains(
                    "image cqrs-outbox/order-query-service:latest, expected cqrs-outbox/order-query-service:0.1.0"));
        }

        @Test
        void rootUserWritableRootAndShortGracePeriod() {
            var broken = edit(Overlays.dev(), Deployment.class, COMMAND, d -> {
                container(d).getSecurityContext().setRunAsUser(0L);
                container(d).getSecurityContext().setReadOnlyRootFilesystem(false);
                d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(10L);
                container(d).setLifecycle(null);
            });
            assertThat(devProblems(broken))
                    .anyMatch(p -> p.contains("runAsUser 0, but the image's USER is 10001"))
                    .anyMatch(p -> p.contains("readOnlyRootFilesystem is not true"))
                    .anyMatch(p -> p.contains("no preStop sleep"))
                    .anyMatch(p -> p.contains("terminationGracePeriodSeconds 10 < 17 (preStop 0 s + 2 waiting shutdown phases"
                            + " x spring.lifecycle.timeout-per-shutdown-phase 6 s + 5 s to exit)"));
        }

        @Test
        void shutdownPhasesLongerThanTheGracePeriodAllows() {
            String yml = RepoFiles.read(COMMAND + "/src/main/resources/application.yml")
                    .replaceFirst("timeout-per-shutdown-phase: \\S+", "timeout-per-shutdown-phase: 30s");
            List<ServiceModule> modules = List.of(ServiceModule.load(COMMAND).withConfig(SpringServiceConfig.parse(yml)),
                    ServiceModule.load(QUERY), ServiceModule.load(CONSOLE));
            assertThat(devProblemsWith(modules)).anyMatch(p -> p.contains("Deployment/order-command-service: "
                    + "terminationGracePeriodSeconds 30 < 75 (preStop 10 s + 2 waiting shutdown phases"));
        }

        @Test
        void preStopSleepThatLeavesTheShutdownPhasesTooLittleTime() {
            var broken = edit(Overlays.dev(), Deployment.class, QUERY,
                    d -> container(d).getLifecycle().getPreStop().getExec().setCommand(List.of("sleep", "30")));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("Deployment/order-query-service: "
                    + "terminationGracePeriodSeconds 35 < 53 (preStop 30 s + 3 waiting shutdown phases"));
        }

        @Test
        void postgresWithoutLogicalWal() {
            var broken = edit(Overlays.dev(), StatefulSet.class, "postgres", s -> s.getSpec().getTemplate().getSpec()
                    .getContainers().get(0).setArgs(List.of("postgres", "-c", "max_wal_senders=10", "-c", "max_replication_slots=2")));
            assertThat(devProblems(broken))
                    .anyMatch(p -> p.contains("postgres: postgres runs without wal_level=logical"))
                    .anyMatch(p -> p.contains("max_replication_slots=2, needs at least 4"));
        }

        @Test
        void networkPoliciesThatCutTheServicesOff() {
            var broken = edit(Overlays.dev(), NetworkPolicy.class, "postgres", p -> p.getSpec().getIngress().clear());
            broken = edit(broken, NetworkPolicy.class, QUERY, p -> p.getSpec().getEgress().remove(0));
            assertThat(devProblems(broken))
                    .anyMatch(p -> p.contains("DB_URL -> postgres:5432: NetworkPolicies of postgres do not admit Deployment/order-command-service"))
                    .anyMatch(p -> p.contains("Deployment/order-query-service: KAFKA_BOOTSTRAP_SERVERS -> kafka:9092: NetworkPolicies block the egress"));
        }

        @Test
        void endpointPortWithoutAServicePort() {
            var broken = edit(Overlays.dev(), ConfigMap.class, generatedName(Overlays.dev(), "order-command-service-config"),
                    c -> c.getData().put("KAFKA_BOOTSTRAP_SERVERS", "kafka:29092"));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVERS -> kafka:29092: Service/kafka has no port 29092"));
        }

        @Test
        void disruptionBudgetThatBlocksEveryDrain() {
            var broken = edit(Overlays.dev(), PodDisruptionBudget.class, COMMAND,
                    p -> p.getSpec().setMinAvailable(new IntOrString(2)));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("PodDisruptionBudget minAvailable 2 must be a number below the 2 replicas"));
        }

        @Test
        void memoryLimitThatLeavesTooLittleBesideTheHeap() {
            var broken = edit(Overlays.dev(), Deployment.class, QUERY, d -> {
                container(d).getResources().getLimits().put("memory", new Quantity("512Mi"));
                container(d).getResources().getRequests().put("memory", new Quantity("512Mi"));
            });
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("Deployment/order-query-service")
                    && p.contains("memory limit 512Mi leaves 256 MiB beside a heap of 50 %, but order-query-service needs 288"));
            assertThat(devProblems(Overlays.dev())).noneMatch(p -> p.contains("beside a heap"));
        }

        @Test
        void secretTheDevOverlayDoesNotContain() {
            List<HasMetadata> broken = new ArrayList<>(Overlays.dev());
            broken.removeIf(o -> o instanceof Secret && o.getMetadata().getName().startsWith("order-command-db"));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("env DB_PASSWORD refers to Secret order-command-db"));
        }

        @Test
        void prometheusScrapingOfAnEndpointTheServiceDoesNotExpose() {
            ServiceModule query = ServiceModule.load(QUERY);
            String yml = RepoFiles.read(QUERY + "/src/main/resources/application.yml").replace(",prometheus", "");
            List<ServiceModule> modules = List.of(ServiceModule.load(COMMAND), query.withConfig(SpringServiceConfig.parse(yml)));
            assertThat(devProblemsWith(modules)).anyMatch(p -> p.contains("annotated for Prometheus scraping, but order-query-service does not expose"));
        }

        // --- the operators' credential (ADMIN_USERS from the Secret orders-admin) and the console -----------------

        @Test
        void deploymentWithoutTheAdminCredential() {
            var broken = edit(Overlays.dev(), Deployment.class, CONSOLE,
                    d -> container(d).getEnv().removeIf(e -> e.getName().equals("ADMIN_USERS")));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains(
                    "Deployment/ops-console: no ADMIN_USERS from Secret orders-admin key ADMIN_USERS, so every /admin"));
            var prodBroken = edit(Overlays.prod(), Deployment.class, COMMAND,
                    d -> container(d).getEnv().removeIf(e -> e.getName().equals("ADMIN_USERS")));
            assertThat(KubernetesChecker.check(prodBroken, ServiceModule.all(), false)).anyMatch(p -> p.contains(
                    "Deployment/order-command-service: no ADMIN_USERS from Secret orders-admin"));
        }

        @Test
        void adminCredentialWrittenIntoTheManifest() {
            var broken = edit(Overlays.dev(), Deployment.class, COMMAND, d -> container(d).getEnv().stream()
                    .filter(e -> e.getName().equals("ADMIN_USERS")).forEach(e -> {
                        e.setValueFrom(null);
                        e.setValue("operator:secret");
                    }));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains(
                    "Deployment/order-command-service: ADMIN_USERS is written into the manifest"));
        }

        @Test
        void adminCredentialFromAnotherSecretOrOptional() {
            var broken = edit(Overlays.prod(), Deployment.class, QUERY, d -> container(d).getEnv().stream()
                    .filter(e -> e.getName().equals("ADMIN_USERS")).forEach(e -> {
                        e.getValueFrom().getSecretKeyRef().setName("query-admin");
                        e.getValueFrom().getSecretKeyRef().setOptional(true);
                    }));
            assertThat(KubernetesChecker.check(broken, ServiceModule.all(), false))
                    .anyMatch(p -> p.contains("ADMIN_USERS comes from Secret query-admin key ADMIN_USERS, expected Secret orders-admin"))
                    .anyMatch(p -> p.contains("the Secret reference for ADMIN_USERS is optional"));
        }

        @Test
        void adminCredentialInAConfigMap() {
            var broken = edit(Overlays.dev(), ConfigMap.class, generatedName(Overlays.dev(), "order-command-service-config"),
                    c -> c.getData().put("ADMIN_USERS", "operator:secret"));
            broken = edit(broken, Deployment.class, COMMAND,
                    d -> container(d).getEnv().removeIf(e -> e.getName().equals("ADMIN_USERS")));
            assertThat(devProblems(broken))
                    .anyMatch(p -> p.matches("ConfigMap/order-command-service-config-[a-z0-9]+: holds ADMIN_USERS; a credential belongs in the Secret.*"))
                    .anyMatch(p -> p.contains("Deployment/order-command-service: ADMIN_USERS does not come from Secret orders-admin"));
        }

        @Test
        void devAdminSecretThatLocksEveryoneOut() {
            String secret = Overlays.generated(Overlays.dev(), Secret.class, "orders-admin").getMetadata().getName();
            var broken = edit(Overlays.dev(), Secret.class, secret, s -> s.getData().put("ADMIN_USERS",
                    java.util.Base64.getEncoder().encodeToString("operator".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("ADMIN_USERS entry 1 is not name:password"));
            broken = edit(Overlays.dev(), Secret.class, secret, s -> s.getData().remove("ADMIN_USERS"));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("env ADMIN_USERS refers to Secret " + secret
                    + " key ADMIN_USERS, which this overlay does not contain"));
        }

        @Test
        void serviceNetworkPolicyThatDoesNotAdmitTheConsole() {
            var consoleRule = (java.util.function.Predicate<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>)
                    r -> r.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                            && CONSOLE.equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")));
            var broken = edit(Overlays.dev(), NetworkPolicy.class, COMMAND, p -> p.getSpec().getIngress().removeIf(consoleRule));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("Deployment/ops-console: COMMAND_SERVICE_URL -> "
                    + "order-command-service:8081: NetworkPolicies of order-command-service do not admit Deployment/ops-console"));
            var prodBroken = edit(Overlays.prod(), NetworkPolicy.class, QUERY, p -> p.getSpec().getIngress().removeIf(consoleRule));
            assertThat(KubernetesChecker.check(prodBroken, ServiceModule.all(), false)).anyMatch(p -> p.contains(
                    "QUERY_SERVICE_URL -> order-query-service:8082: NetworkPolicies of order-query-service do not admit"));
        }

        @Test
        void consoleEgressThatDoesNotReachAService() {
            var broken = edit(Overlays.dev(), NetworkPolicy.class, CONSOLE, p -> p.getSpec().getEgress().remove(1));
            assertThat(devProblems(broken)).anyMatch(p -> p.contains("Deployment/ops-console: QUERY_SERVICE_URL -> "
                    + "order-query-service:8082: NetworkPolicies block the egress"));
        }

        @Test
        void consoleUrlOnAWrongPortOrUnset() {
            var broken = edit(Overlays.dev(), ConfigMap.class, generatedName(Overlays.dev(), "ops-console-config"), c -> {
                c.getData().put("COMMAND_SERVICE_URL", "http://order-command-service:8080");
                c.getData().remove("QUERY_SERVICE_URL");
            });
            assertThat(devProblems(broken))
                    .anyMatch(p -> p.contains("COMMAND_SERVICE_URL -> order-command-service:8080: Service/order-command-service has no port 8080"))
                    .anyMatch(p -> p.contains("QUERY_SERVICE_URL is not set, and its default in application.yml points at the loopback"));
        }

        @Test
        void testOnlyFaultSwitchTurnedOn() {
            var broken = edit(Overlays.prod(), ConfigMap.class, generatedName(Overlays.prod(), "order-query-service-config"),
                    c -> c.getData().put("QUERY_FAULTS_ENABLED", "true"));
            assertThat(KubernetesChecker.check(broken, ServiceModule.all(), false)).anyMatch(p -> p.contains(
                    "Deployment/order-query-service: sets QUERY_FAULTS_ENABLED, a switch for tests only"));
        }

        @Test
        void prodEgressThatDoesNotAllowTheManagedDatabase() {
            var broken = edit(Overlays.prod(), NetworkPolicy.class, COMMAND, p -> p.getSpec().getEgress().remove(0));
            assertThat(KubernetesChecker.check(broken, ServiceModule.all(), false))
                    .anyMatch(p -> p.contains("DB_URL -> orders-db.example.internal:5432: no NetworkPolicy egress rule allows"));
        }
    }

    @Nested
    class Compose {

        private Map<String, Object> compose() {
            return Yamls.load(RepoFiles.read("docker-compose.yml"));
        }

        private Map<String, Object> service(Map<String, Object> compose, String name) {
            return Yamls.map(Yamls.map(compose.get("services")).get(name));
        }

        private List<String> problems(Map<String, Object> compose, String envExample) {
            return ComposeChecker.check(compose, ServiceModule.all(), Overlays.images(Overlays.dev()), envExample);
        }

        private List<String> problems(Map<String, Object> compose) {
            return problems(compose, RepoFiles.read(".env.example"));
        }

        @Test
        void postgresWithoutLogicalWal() {
            Map<String, Object> compose = compose();
            service(compose, "postgres").put("command", List.of("postgres", "-c", "max_wal_senders=10", "-c", "max_replication_slots=10"));
            assertThat(problems(compose)).anyMatch(p -> p.contains("docker-compose.yml postgres: postgres runs without wal_level=logical"));
        }

        @Test
        void imageOtherThanKubernetes() {
            Map<String, Object> compose = compose();
            service(compose, COMMAND).put("image", "cqrs-outbox/order-command-service:0.0.9");
            assertThat(problems(compose)).anyMatch(p -> p.contains(
                    "image cqrs-outbox/order-command-service:0.0.9 but k8s runs cqrs-outbox/order-command-service:0.1.0"));
        }

        @Test
        void variableTheServiceDoesNotRead() {
            Map<String, Object> compose = compose();
            Map<String, Object> env = Yamls.map(service(compose, QUERY).get("environment"));
            env.put("MONGO_URL", env.remove("MONGODB_URI"));
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("sets MONGO_URL, which order-query-service's application.yml does not read"))
                    .anyMatch(p -> p.contains("MONGODB_URI is not set"));
        }

        @Test
        void startingBeforeTheDatabaseIsHealthy() {
            Map<String, Object> compose = compose();
            Yamls.map(Yamls.map(service(compose, COMMAND).get("depends_on")).get("postgres")).put("condition", "service_started");
            service(compose, "kafka").remove("healthcheck");
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("needs postgres (DB_URL) but does not depend_on it with condition: service_healthy"))
                    .anyMatch(p -> p.contains("docker-compose.yml kafka: no healthcheck"));
        }

        @Test
        void healthcheckWithAToolTheImageLacksOrOnTheWrongPort() {
            Map<String, Object> compose = compose();
            Yamls.map(service(compose, QUERY).get("healthcheck")).put("test",
                    List.of("CMD", "curl", "-f", "http://localhost:8080/actuator/health/readiness"));
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("the healthcheck uses curl/wget"))
                    .anyMatch(p -> p.contains("the healthcheck does not ask /actuator/health/readiness on port 8082"));
        }

        @Test
        void publishedPortOtherThanServerPort() {
            Map<String, Object> compose = compose();
            service(compose, COMMAND).put("ports", List.of("8081:8080"));
            assertThat(problems(compose)).anyMatch(p -> p.contains("publishes container ports [8080], but order-command-service listens on 8081"));
        }

        @Test
        void adminCredentialMissingOrWrittenIntoTheFile() {
            Map<String, Object> compose = compose();
            Yamls.map(service(compose, CONSOLE).get("environment")).remove("ADMIN_USERS");
            Yamls.map(service(compose, QUERY).get("environment")).put("ADMIN_USERS", "operator:secret");
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("docker-compose.yml ops-console: no ADMIN_USERS"))
                    .anyMatch(p -> p.contains("docker-compose.yml order-query-service: ADMIN_USERS is written into docker-compose.yml"));
        }

        @Test
        void consoleThatWaitsForHealthyServicesOrCallsTheWrongPort() {
            Map<String, Object> compose = compose();
            Yamls.map(Yamls.map(service(compose, CONSOLE).get("depends_on")).get(QUERY)).put("condition", "service_healthy");
            Yamls.map(service(compose, CONSOLE).get("environment")).put("COMMAND_SERVICE_URL", "http://order-command-service:8080");
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("ops-console: waits for order-query-service to be healthy"))
                    .anyMatch(p -> p.contains("COMMAND_SERVICE_URL -> order-command-service:8080, but order-command-service listens on 8081"));
        }

        @Test
        void consoleCallingLocalhostOrWithoutItsUrls() {
            Map<String, Object> compose = compose();
            Yamls.map(service(compose, CONSOLE).get("environment")).put("COMMAND_SERVICE_URL", "http://localhost:8081");
            Yamls.map(service(compose, CONSOLE).get("environment")).remove("QUERY_SERVICE_URL");
            assertThat(problems(compose))
                    .anyMatch(p -> p.contains("COMMAND_SERVICE_URL points at localhost, which is no compose service"))
                    .anyMatch(p -> p.contains("ops-console: QUERY_SERVICE_URL is not set"));
        }

        @Test
        void testOnlyFaultSwitchTurnedOn() {
            Map<String, Object> compose = compose();
            Yamls.map(service(compose, QUERY).get("environment")).put("QUERY_FAULTS_ENABLED", "true");
            assertThat(problems(compose)).anyMatch(p -> p.contains(
                    "order-query-service: sets QUERY_FAULTS_ENABLED, a switch for tests only"));
        }

        @Test
        void envExampleWhoseOperatorCannotLogIn() {
            String envExample = RepoFiles.read(".env.example").replaceAll("(?m)^ADMIN_USERS=.*$", "ADMIN_USERS=operator");
            assertThat(problems(compose(), envExample)).anyMatch(p -> p.contains(".env.example: ADMIN_USERS entry 1 is not name:password"));
        }

        @Test
        void envExampleOutOfStep() {
            String envExample = RepoFiles.read(".env.example").replaceAll("(?m)^DB_PASSWORD=.*$", "") + "\nUNUSED_SETTING=1\n";
            assertThat(problems(compose(), envExample))
                    .anyMatch(p -> p.contains("uses ${DB_PASSWORD}, which .env.example does not set"))
                    .anyMatch(p -> p.contains(".env.example sets UNUSED_SETTING, which docker-compose.yml never uses"));
        }
    }

    @Nested
    class Dockerfiles {

        private List<String> problems(ServiceModule module, String dockerfile) {
            return DockerfileChecker.check(module, Dockerfile.parse(dockerfile), module.dockerignore());
        }

        private String text(ServiceModule module) {
            return RepoFiles.read(module.dockerfilePath());
        }

        @Test
        void exposedPortOtherThanServerPort() {
            ServiceModule command = ServiceModule.load(COMMAND);
            assertThat(problems(command, text(command).replace("EXPOSE 8081", "EXPOSE 8080")))
                    .anyMatch(p -> p.contains("EXPOSE [8080] but order-command-service listens on 8081"));
        }

        @Test
        void consoleImageOnAnotherPortOrJar() {
            ServiceModule console = ServiceModule.load(CONSOLE);
            String text = text(console).replace("EXPOSE 8083", "EXPOSE 8080")
                    .replace("ops-console/target/ops-console-0.1.0-SNAPSHOT-exec.jar", "ops-console/target/ops-console-0.1.0-SNAPSHOT.jar");
            assertThat(problems(console, text))
                    .anyMatch(p -> p.contains("EXPOSE [8080] but ops-console listens on 8083"))
                    .anyMatch(p -> p.contains("does not COPY ops-console/target/ops-console-0.1.0-SNAPSHOT-exec.jar"));
        }

        @Test
        void rootOrNamedUser() {
            ServiceModule query = ServiceModule.load(QUERY);
            assertThat(problems(query, text(query).replace("USER 10001:10001", "USER 0"))).anyMatch(p -> p.contains("runs as root"));
            assertThat(problems(query, text(query).replace("USER 10001:10001", "USER app"))).anyMatch(p -> p.contains("no numeric USER"));
        }

        @Test
        void jarOfAnotherVersionThanThePom() {
            ServiceModule command = ServiceModule.load(COMMAND);
            ServiceModule bumped = command.withPom(new ModulePom(command.pom().artifactId(), "0.2.0-SNAPSHOT", "exec"));
            assertThat(problems(bumped, text(command))).anyMatch(p -> p.contains(
                    "does not COPY order-command-service/target/order-command-service-0.2.0-SNAPSHOT-exec.jar"));
        }

        @Test
        void layersOutOfOrderAndShellFormEntrypoint() {
            ServiceModule query = ServiceModule.load(QUERY);
            String swapped = text(query)
                    .replace("extracted/dependencies/", "extracted/TMP/")
                    .replace("extracted/application/", "extracted/dependencies/")
                    .replace("extracted/TMP/", "extracted/application/")
                    .replaceFirst("ENTRYPOINT \\[.*]", "ENTRYPOINT java -jar app.jar");
            assertThat(problems(query, swapped))
                    .anyMatch(p -> p.contains("copies the layers [application, spring-boot-loader, snapshot-dependencies, dependencies]"))
                    .anyMatch(p -> p.contains("ENTRYPOINT [(shell form) java -jar app.jar]"));
        }
    }

    @Nested
    class ScrapeConfig {

        private List<String> problems(String operationsMd) {
            return ScrapeConfigChecker.check(operationsMd, List.of(Overlays.dev(), Overlays.prod()));
        }

        @Test
        void scrapeJobWithoutCredentialsOrWithAPasswordInline() {
            String docs = RepoFiles.read("docs/OPERATIONS.md");
            assertThat(problems(docs.replaceFirst("(?m)^    basic_auth:\\n.*\\n.*\\n", "")))
                    .anyMatch(p -> p.contains("no basic_auth username, but /actuator/prometheus needs an operator"));
            assertThat(problems(docs.replaceFirst("password_file: \\S+", "password: dev-only-prometheus-password")))
                    .anyMatch(p -> p.contains("basic_auth password written into the config"));
            assertThat(problems(docs.replaceFirst("username: prometheus", "username: grafana")))
                    .anyMatch(p -> p.contains("basic_auth user grafana is not in the dev overlay's Secret orders-admin"));
        }

        @Test
        void scrapeJobThatMissesANamespaceOrAnAnnotation() {
            String docs = RepoFiles.read("docs/OPERATIONS.md").replace("names: [cqrs-outbox, cqrs-outbox-dev]", "names: [cqrs-outbox]")
                    .replace("[__meta_kubernetes_pod_annotation_prometheus_io_path]", "[__meta_kubernetes_pod_label_path]");
            assertThat(problems(docs))
                    .anyMatch(p -> p.contains("does not discover the pods of namespace cqrs-outbox-dev"))
                    .anyMatch(p -> p.contains("ignores the prometheus.io/path annotation"));
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    /** The objects with a deep copy of one of them, changed by {@code change}. */
    static <T extends HasMetadata> List<HasMetadata> edit(List<HasMetadata> objects, Class<T> type, String name, Consumer<T> change) {
        List<HasMetadata> copy = new ArrayList<>();
        boolean found = false;
        for (HasMetadata object : objects) {
            if (type.isInstance(object) && object.getMetadata().getName().equals(name)) {
                T changed = StrictKubernetes.copy(type.cast(object));
                change.accept(changed);
                copy.add(changed);
                found = true;
            } else {
                copy.add(object);
            }
        }
        assertThat(found).as("%s %s exists", type.getSimpleName(), name).isTrue();
        return copy;
    }

    static String generatedName(List<HasMetadata> objects, String name) {
        return Overlays.generated(objects, ConfigMap.class, name).getMetadata().getName();
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
