package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The strict reading really is strict, and a missing kubectl fails the build with a message that says what to do. */
class StrictKubernetesTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s
            """;

    @Test
    void readsAValidObject() {
        var object = StrictKubernetes.parseAll(DEPLOYMENT.formatted("ports: [{containerPort: 8080}]"));
        assertThat(object).singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void rejectsAnUnknownField() {
        assertThatThrownBy(() -> StrictKubernetes.parseAll(DEPLOYMENT.formatted("livenessprobe: {httpGet: {path: /, port: 8080}}")))
                .hasMessageContaining("Deployment/demo").hasMessageContaining("livenessprobe");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel() {
        String misplaced = DEPLOYMENT.formatted("").replace("      containers:", "      readOnlyRootFilesystem: true\n      containers:");
        assertThatThrownBy(() -> StrictKubernetes.parseAll(misplaced)).hasMessageContaining("readOnlyRootFilesystem");
    }

    @Test
    void rejectsAnotherApiVersionThanTheModels() {
        String old = """
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata: {name: demo}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: demo}, maxReplicas: 2}
                """;
        assertThatThrownBy(() -> StrictKubernetes.parseAll(old))
                .hasMessageContaining("apiVersion autoscaling/v2beta2, expected autoscaling/v2");
    }

    @Test
    void rejectsAKindItCannotCheck() {
        assertThatThrownBy(() -> StrictKubernetes.parseAll("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\n"))
                .hasMessageContaining("no model class for kind Ingress");
    }

    @Test
    void missingKubectlFailsNamingCiRun() {
        assertThatThrownBy(() -> Kubectl.locate(Map.of("PATH", "/nonexistent-dir")))
                .isInstanceOf(AssertionError.class).hasMessageContaining(".ci/run").hasMessageContaining("kubernetes-client");
        assertThatThrownBy(() -> Kubectl.locate(Map.of("KUBECTL", "/nonexistent/kubectl", "PATH", "/usr/bin")))
                .isInstanceOf(AssertionError.class).hasMessageContaining(".ci/run");
    }

    @Test
    void kubectlIsFoundOnThePath() {
        Path kubectl = Kubectl.locate(System.getenv());
        assertThat(kubectl).isExecutable();
    }
}
