package dev.cqrs.orders.deploy;

import static dev.cqrs.orders.deploy.CheckersCatchMistakesTest.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;

/** Each check of {@link QaSuiteChecker}, fed a deliberately broken copy of the real QA Job, image or overlay, bites. */
class QaSuiteCheckerCatchesMistakesTest {

    private static final String QA = QaSuiteChecker.NAME;

    private static List<String> problems(List<HasMetadata> qa) {
        return QaSuiteChecker.check(qa, Overlays.dev(), QaSuiteCrossCheckTest.pom());
    }

    private static List<String> args(List<HasMetadata> qa) {
        return qa.stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    private static List<HasMetadata> withArgs(java.util.function.UnaryOperator<List<String>> change) {
        return edit(Overlays.qaSuite(), Job.class, QA, job -> {
            var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setArgs(change.apply(new ArrayList<>(container.getArgs())));
        });
    }

    @Test
    void aRoleThatAllowsMoreThanTheDriverNeeds() {
        var broken = edit(Overlays.qaSuite(), Role.class, QA, role -> role.getRules().add(new PolicyRuleBuilder()
                .withApiGroups("").withResources("secrets").withVerbs("get").build()));
        assertThat(problems(broken)).contains("Role/qa-suite: allows secrets:get, which the kubernetes driver never needs");
        var wildcard = edit(Overlays.qaSuite(), Role.class, QA, role -> role.getRules().get(0).setVerbs(List.of("*")));
        assertThat(problems(wildcard)).anyMatch(p -> p.contains("a wildcard (pods:*)"));
    }

    @Test
    void aRoleThatDoesNotAllowWhatTheDriverDoes() {
        var noDelete = edit(Overlays.qaSuite(), Role.class, QA, role -> role.getRules().get(0).setVerbs(List.of("get", "list", "watch")));
        assertThat(problems(noDelete)).contains("Role/qa-suite: does not allow pods:delete, which the kubernetes driver needs");
        var noMongo = edit(Overlays.qaSuite(), Role.class, QA, role -> {
            PolicyRule statefulSets = role.getRules().get(1);
            statefulSets.setResourceNames(List.of("postgres", "kafka"));
        });
        assertThat(problems(noMongo)).contains("Role/qa-suite: does not allow statefulsets:patch[mongo], which the kubernetes"
                + " driver needs");
    }

    @Test
    void argumentsTheSuiteRefuses() {
        var noOptIn = withArgs(args -> {
            args.remove("--allow-faults-on-target");
            return args;
        });
        assertThat(problems(noOptIn)).anyMatch(p -> p.startsWith("Job/qa-suite: the suite refuses its arguments")
                && p.contains("--allow-faults-on-target"));
        var typo = withArgs(args -> {
            args.add("--order=5");
            return args;
        });
        assertThat(problems(typo)).anyMatch(p -> p.contains("unknown option '--order=5'"));
        assertThat(args(Overlays.qaSuite())).contains("--fault-driver=kubernetes");
    }

    @Test
    void aUrlThatIsNotTheSystemsService() {
        var broken = withArgs(args -> {
            args.replaceAll(arg -> arg.equals("--query-url=http://order-query-service:8082") ? "--query-url=http://order-query-service:8080" : arg);
            return args;
        });
        assertThat(problems(broken)).contains("Job/qa-suite: --query-url=http://order-query-service:8080 is not the Service"
                + " order-query-service of the system");
    }

    @Test
    void aCredentialFileThatIsNotInTheMountedSecret() {
        var broken = withArgs(args -> {
            args.replaceAll(arg -> arg.startsWith("--admin-auth-file=") ? "--admin-auth-file=/var/run/qa-suite/admin/password" : arg);
            return args;
        });
        assertThat(problems(broken)).anyMatch(p -> p.contains("/var/run/qa-suite/admin/password is not the key password"));
    }

    @Test
    void anApiTokenMissingOrMountedSoThatRotationsNeverArrive() {
        var none = withArgs(args -> {
            args.removeIf(arg -> arg.startsWith("--api-token-file="));
            return args;
        });
        assertThat(problems(none)).contains("Job/qa-suite: no --api-token-file: the public APIs refuse requests without a"
                + " bearer token");
        var subPath = edit(Overlays.qaSuite(), Job.class, QA, job -> {
            var mount = job.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> m.getName().equals("api-token")).findFirst().orElseThrow();
            mount.setMountPath("/var/run/qa-suite/api-token/token");
            mount.setSubPath("token");
        });
        assertThat(problems(subPath)).anyMatch(p -> p.contains("/var/run/qa-suite/api-token/token must be a key of a Secret"
                + " volume mounted as the directory"));
        assertThat(problems(Overlays.qaSuite())).isEmpty();
    }

    @Test
    void aJobThatRetriesRunsForeverOrRunsAnotherImage() {
        var broken = edit(Overlays.qaSuite(), Job.class, QA, job -> {
            job.getSpec().setBackoffLimit(3);
            job.getSpec().setActiveDeadlineSeconds(null);
            job.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("cqrs-outbox/qa-suite:0.0.9");
        });
        assertThat(problems(broken)).contains("Job/qa-suite: backoffLimit 3: a failed verdict must not be retried",
                "Job/qa-suite: no activeDeadlineSeconds: the run must end by itself",
                "Job/qa-suite: image cqrs-outbox/qa-suite:0.0.9, expected cqrs-outbox/qa-suite:0.1.0");
    }

    @Test
    void aPodTheNetworkPoliciesRefuse() {
        var unlabelled = edit(Overlays.qaSuite(), Job.class, QA, job -> job.getSpec().getTemplate().getMetadata().getLabels()
                .remove("cqrs-outbox/client"));
        assertThat(problems(unlabelled)).anyMatch(p -> p.contains("lack the label cqrs-outbox/client=true"));
        var noKafka = edit(Overlays.qaSuite(), NetworkPolicy.class, QA, policy -> policy.getSpec().getEgress()
                .removeIf(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 9092)));
        assertThat(problems(noKafka)).contains("NetworkPolicy/qa-suite: no egress to kafka:9092");
        var kafkaClosed = edit(Overlays.dev(), NetworkPolicy.class, "kafka", policy -> policy.getSpec().getIngress().get(0)
                .getFrom().removeIf(peer -> QA.equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))));
        assertThat(QaSuiteChecker.check(Overlays.qaSuite(), kafkaClosed, QaSuiteCrossCheckTest.pom()))
                .contains("NetworkPolicy/kafka (dev overlay): does not admit the qa-suite pods");
    }

    @Test
    void aDriverThatLooksForWorkloadsTheSystemDoesNotHave() {
        var renamed = edit(Overlays.dev(), io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "mongo", set -> {
            set.getMetadata().setName("mongodb");
            set.getSpec().getTemplate().getMetadata().setLabels(Map.of("app.kubernetes.io/name", "mongodb"));
        });
        assertThat(QaSuiteChecker.check(Overlays.qaSuite(), renamed, QaSuiteCrossCheckTest.pom()))
                .contains("the kubernetes driver looks for the MongoDB by app.kubernetes.io/name=mongo, which no Deployment or"
                        + " StatefulSet of the dev overlay has",
                        "the kubernetes driver restarts statefulset/mongo, which the dev overlay does not have");
    }

    @Test
    void anImageWithAnUncheckedKubectlOrAPort() {
        String dockerfile = RepoFiles.read("docker/qa-suite.Dockerfile");
        String unchecked = dockerfile.replace(" \\\n && echo \"$(cat /kubectl.sha256)  /kubectl\" | sha256sum --check", "");
        assertThat(unchecked).isNotEqualTo(dockerfile);
        assertThat(QaSuiteChecker.checkImage(Dockerfile.parse(unchecked + "\nEXPOSE 8080\n"),
                RepoFiles.read("docker/qa-suite.Dockerfile.dockerignore"), QaSuiteCrossCheckTest.pom()))
                .anyMatch(p -> p.contains("kubectl must come from dl.k8s.io, checked with its .sha256"))
                .anyMatch(p -> p.contains("EXPOSE, but the suite is a client"));
    }
}
