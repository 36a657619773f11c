package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The QA Job in k8s/qa-suite agrees with the suite and with the system it runs in (see {@link QaSuiteChecker}), and its
 * image is built like the services' plus a verified kubectl. No cluster and no Docker engine: all offline.
 */
class QaSuiteCrossCheckTest {

    static ModulePom pom() {
        return ModulePom.parse(RepoFiles.read(QaSuiteChecker.NAME + "/pom.xml"));
    }

    @Test
    void theJobAgreesWithTheSuiteAndTheDevOverlay() {
        assertThat(QaSuiteChecker.check(Overlays.qaSuite(), Overlays.dev(), pom())).isEmpty();
    }

    @Test
    void theImageIsTheLayeredJarWithAVerifiedKubectl() {
        assertThat(QaSuiteChecker.checkImage(Dockerfile.parse(RepoFiles.read("docker/qa-suite.Dockerfile")),
                RepoFiles.read("docker/qa-suite.Dockerfile.dockerignore"), pom())).isEmpty();
    }

    @Test
    void theRoleAllowsWhatTheDriverNeedsAndTheDriverNeedsNoSecretsExecOrDeployments() {
        assertThat(KubectlPermissions.ofTheDriver()).extracting(KubectlPermissions.Permission::resource)
                .containsOnly("pods", "statefulsets");
        assertThat(KubectlPermissions.ofTheDriver()).extracting(KubectlPermissions.Permission::toString)
                .contains("pods:delete", "pods:list", "pods:watch", "statefulsets:patch[kafka]", "statefulsets:watch[postgres]");
    }
}
