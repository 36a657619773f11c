package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Both overlays render with `kubectl kustomize`, and every rendered object is a valid object of its kind and
 * apiVersion (read strictly into the fabric8 model: an unknown field fails).
 */
class KustomizeRenderTest {

    @Test
    void devRendersIntoValidObjects() {
        List<HasMetadata> objects = Overlays.dev();
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName().replaceFirst("-[a-z0-9]{10}$", ""))
                .containsExactlyInAnyOrder(
                        "Namespace/cqrs-outbox-dev",
                        "ConfigMap/order-command-service-config", "ConfigMap/order-query-service-config",
                        "ConfigMap/ops-console-config", "ConfigMap/postgres-initdb", "ConfigMap/orders-auth",
                        "Secret/order-command-db", "Secret/order-query-mongodb", "Secret/postgres-superuser",
                        "Secret/mongo-root", "Secret/orders-admin",
                        "Service/order-command-service", "Service/order-query-service", "Service/ops-console",
                        "Service/postgres", "Service/kafka", "Service/mongo",
                        "Deployment/order-command-service", "Deployment/order-query-service", "Deployment/ops-console",
                        "StatefulSet/postgres", "StatefulSet/kafka", "StatefulSet/mongo",
                        "PodDisruptionBudget/order-command-service", "PodDisruptionBudget/order-query-service",
                        "PodDisruptionBudget/ops-console",
                        "HorizontalPodAutoscaler/order-query-service",
                        "NetworkPolicy/default-deny", "NetworkPolicy/allow-dns",
                        "NetworkPolicy/order-command-service", "NetworkPolicy/order-query-service",
                        "NetworkPolicy/ops-console",
                        "NetworkPolicy/postgres", "NetworkPolicy/kafka", "NetworkPolicy/mongo",
                        "PrometheusRule/cqrs-outbox-alerts", "ConfigMap/cqrs-outbox-grafana-dashboard");
        assertThat(objects).filteredOn(o -> !o.getKind().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("cqrs-outbox-dev"));
    }

    @Test
    void theQaJobRendersIntoValidObjectsInTheDevNamespace() {
        List<HasMetadata> objects = Overlays.qaSuite();
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName().replaceFirst("-[a-z0-9]{10}$", ""))
                .containsExactlyInAnyOrder("ServiceAccount/qa-suite", "Role/qa-suite", "RoleBinding/qa-suite",
                        "NetworkPolicy/qa-suite", "Job/qa-suite", "Secret/qa-suite-admin");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("cqrs-outbox-dev"));
    }

    @Test
    void prodRendersIntoValidObjectsWithoutSecretsOrServers() {
        List<HasMetadata> objects = Overlays.prod();
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName().replaceFirst("-[a-z0-9]{10}$", ""))
                .containsExactlyInAnyOrder(
                        "Namespace/cqrs-outbox",
                        "ConfigMap/order-command-service-config", "ConfigMap/order-query-service-config",
                        "ConfigMap/ops-console-config",
                        "Service/order-command-service", "Service/order-query-service", "Service/ops-console",
                        "Deployment/order-command-service", "Deployment/order-query-service", "Deployment/ops-console",
                        "PodDisruptionBudget/order-command-service", "PodDisruptionBudget/order-query-service",
                        "PodDisruptionBudget/ops-console",
                        "HorizontalPodAutoscaler/order-query-service",
                        "NetworkPolicy/default-deny", "NetworkPolicy/allow-dns",
                        "NetworkPolicy/order-command-service", "NetworkPolicy/order-query-service",
                        "NetworkPolicy/ops-console",
                        "PrometheusRule/cqrs-outbox-alerts", "ConfigMap/cqrs-outbox-grafana-dashboard");
        assertThat(objects).noneMatch(o -> o instanceof Secret || o instanceof StatefulSet);
        assertThat(objects).filteredOn(o -> !o.getKind().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("cqrs-outbox"));
    }
}
