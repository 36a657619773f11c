package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The rendered overlays agree with the services' application.yml, pom.xml and Dockerfile (see KubernetesChecker). */
class KubernetesCrossCheckTest {

    private static final String INIT_SCRIPT = "10-order-command-role.sh";

    @Test
    void devAgreesWithTheServicesAndIsSelfContained() {
        assertThat(KubernetesChecker.check(Overlays.dev(), ServiceModule.all(), true)).isEmpty();
    }

    @Test
    void prodAgreesWithTheServices() {
        assertThat(KubernetesChecker.check(Overlays.prod(), ServiceModule.all(), false)).isEmpty();
    }

    @Test
    void bothOverlaysRunTheSameImagesOfTheServices() {
        Map<String, String> dev = Overlays.images(Overlays.dev());
        Map<String, String> prod = Overlays.images(Overlays.prod());
        for (ServiceModule module : ServiceModule.all()) {
            assertThat(dev.get(module.name())).isEqualTo(module.image());
            assertThat(prod.get(module.name())).isEqualTo(module.image());
        }
    }

    @Test
    void prodRunsMoreThanDev() {
        Deployment devCommand = Overlays.named(Overlays.dev(), Deployment.class, "order-command-service");
        Deployment prodCommand = Overlays.named(Overlays.prod(), Deployment.class, "order-command-service");
        assertThat(prodCommand.getSpec().getReplicas()).isGreaterThan(devCommand.getSpec().getReplicas());
        var devHpa = Overlays.named(Overlays.dev(), io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                "order-query-service");
        var prodHpa = Overlays.named(Overlays.prod(), io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                "order-query-service");
        assertThat(prodHpa.getSpec().getMinReplicas()).isGreaterThan(devHpa.getSpec().getMinReplicas());
    }

    /** Prod expects its Secrets from outside: each one it references, with each key, is documented for operators. */
    @Test
    void everySecretProdReferencesIsDocumentedInOperations() {
        String operations = RepoFiles.read("docs/OPERATIONS.md");
        List<String> missing = Overlays.prod().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef())
                .filter(ref -> !Pattern.compile("`" + Pattern.quote(ref.getName()) + "`[^\\n]*`" + Pattern.quote(ref.getKey()) + "`")
                        .matcher(operations).find())
                .map(ref -> ref.getName() + "/" + ref.getKey()).toList();
        assertThat(missing).as("Secrets and keys prod needs but docs/OPERATIONS.md does not list (`name` ... `key` on one line)")
                .isEmpty();
    }

    /** The documented Prometheus scrape job finds the annotated pods of both overlays and logs in (Basic auth). */
    @Test
    void documentedPrometheusScrapeJobAgreesWithTheManifests() {
        assertThat(ScrapeConfigChecker.check(RepoFiles.read("docs/OPERATIONS.md"), List.of(Overlays.dev(), Overlays.prod())))
                .isEmpty();
    }

    /** compose and the dev overlay create the command service's role with the same script, fed the same variables. */
    @Test
    void postgresInitScriptIsTheSameInComposeAndDevAndGetsItsVariables() {
        String script = RepoFiles.read("docker/postgres/initdb/" + INIT_SCRIPT);
        assertThat(RepoFiles.read("k8s/overlays/dev/postgres/" + INIT_SCRIPT)).isEqualTo(script);
        List<HasMetadata> dev = Overlays.dev();
        assertThat(Overlays.generated(dev, ConfigMap.class, "postgres-initdb").getData()).containsEntry(INIT_SCRIPT, script);

        TreeSet<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(script);
        while (m.find()) {
            required.add(m.group(1));
        }
        assertThat(required).contains("ORDERS_DB_USER", "ORDERS_DB_PASSWORD");

        Container postgres = Overlays.named(dev, StatefulSet.class, "postgres").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(postgres.getEnv()).extracting(EnvVar::getName).containsAll(required);
        assertThat(postgres.getVolumeMounts()).anyMatch(v -> v.getMountPath().equals("/docker-entrypoint-initdb.d"));
        Map<String, String> composeEnv = ComposeChecker.environment(Yamls.map(
                Yamls.map(Yamls.load(RepoFiles.read("docker-compose.yml")).get("services")).get("postgres")));
        assertThat(composeEnv).containsKeys(required.toArray(String[]::new));
        // The role the script creates is the one the command service logs in with.
        assertThat(composeEnv.get("ORDERS_DB_USER")).isEqualTo("${DB_USER:?copy .env.example to .env}");
        EnvVar user = postgres.getEnv().stream().filter(e -> e.getName().equals("ORDERS_DB_USER")).findFirst().orElseThrow();
        EnvVar commandUser = Overlays.named(dev, Deployment.class, "order-command-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals("DB_USER")).findFirst().orElseThrow();
        assertThat(user.getValueFrom().getSecretKeyRef()).isEqualTo(commandUser.getValueFrom().getSecretKeyRef());
    }
}
