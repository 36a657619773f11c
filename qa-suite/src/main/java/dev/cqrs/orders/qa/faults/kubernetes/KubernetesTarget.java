package dev.cqrs.orders.qa.faults.kubernetes;

import java.time.Duration;
import java.util.Map;

import dev.cqrs.orders.qa.faults.Part;

/**
 * Where the parts run in a namespace: a label selector per part (the services' Deployments, the servers'
 * StatefulSets) and the StatefulSets' names. The defaults are the labels and names of our manifests in {@code k8s/}.
 *
 * @param timeout      how long a part may take to be ready again
 * @param pollInterval how often the driver looks while it waits
 */
public record KubernetesTarget(String namespace, Map<Part, String> selectors, Map<Part, String> statefulSets, Duration timeout,
                               Duration pollInterval) {

    public KubernetesTarget {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("the kubernetes driver needs --namespace");
        }
        selectors = Map.copyOf(selectors);
        statefulSets = Map.copyOf(statefulSets);
        for (Part part : Part.values()) {
            if (!selectors.containsKey(part)) {
                throw new IllegalArgumentException("no label selector for the " + part.label());
            }
        }
    }

    /** The labels and names of k8s/: app.kubernetes.io/name=order-command-service, ..., StatefulSets postgres, kafka, mongo. */
    public static KubernetesTarget ofManifests(String namespace) {
        return new KubernetesTarget(namespace, Map.of(
                Part.COMMAND, "app.kubernetes.io/name=order-command-service",
                Part.QUERY, "app.kubernetes.io/name=order-query-service",
                Part.POSTGRES, "app.kubernetes.io/name=postgres",
                Part.KAFKA, "app.kubernetes.io/name=kafka",
                Part.MONGO, "app.kubernetes.io/name=mongo"),
                Map.of(Part.POSTGRES, "postgres", Part.KAFKA, "kafka", Part.MONGO, "mongo"),
                Duration.ofMinutes(10), Duration.ofSeconds(2));
    }

    public KubernetesTarget with(Part part, String selector, String statefulSet) {
        Map<Part, String> newSelectors = new java.util.EnumMap<>(selectors);
        Map<Part, String> newStatefulSets = new java.util.EnumMap<>(Part.class);
        newStatefulSets.putAll(statefulSets);
        if (selector != null) {
            newSelectors.put(part, selector);
        }
        if (statefulSet != null) {
            newStatefulSets.put(part, statefulSet);
        }
        return new KubernetesTarget(namespace, newSelectors, newStatefulSets, timeout, pollInterval);
    }

    public KubernetesTarget withTiming(Duration newTimeout, Duration newPollInterval) {
        return new KubernetesTarget(namespace, selectors, statefulSets, newTimeout, newPollInterval);
    }

    String selector(Part part) {
        return selectors.get(part);
    }

    /** The StatefulSet of a server part; fails for a service. */
    String statefulSet(Part part) {
        String name = statefulSets.get(part);
        if (name == null) {
            throw new IllegalArgumentException("the " + part.label() + " is no StatefulSet");
        }
        return name;
    }
}
