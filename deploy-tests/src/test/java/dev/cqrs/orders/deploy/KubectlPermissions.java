package dev.cqrs.orders.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.faults.kubernetes.Kubectl;
import dev.cqrs.orders.qa.faults.kubernetes.KubernetesDriver;
import dev.cqrs.orders.qa.faults.kubernetes.KubernetesTarget;

/**
 * The RBAC permissions the QA suite's kubernetes driver needs, found by letting it inject every fault kind it has
 * against a kubectl that records each call, then reading each call as the API requests kubectl makes for it.
 */
final class KubectlPermissions {

    /** One permission: a verb on a resource, for one object name or any ("*"). */
    record Permission(String resource, String verb, String name) implements Comparable<Permission> {

        @Override
        public int compareTo(Permission other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return resource + ":" + verb + (name.equals("*") ? "" : "[" + name + "]");
        }
    }

    private KubectlPermissions() {
    }

    /** What the driver asks of the API server when it injects each of its fault kinds once and recovers. */
    static Set<Permission> ofTheDriver() {
        List<List<String>> calls = new ArrayList<>();
        int[] pods = {0};
        Kubectl recording = arguments -> {
            calls.add(List.copyOf(arguments));
            // Every listing shows one running pod, a new one each time: every wait for a replacement ends at once.
            return arguments.get(0).equals("get") ? "pod-" + pods[0] + " uid-" + pods[0]++ + " Running\n" : "";
        };
        KubernetesDriver driver = new KubernetesDriver(recording, KubernetesTarget.ofManifests("any")
                .withTiming(Duration.ofSeconds(10), Duration.ofMillis(1)), 1);
        for (FaultKind kind : driver.kinds()) {
            if (kind.name().startsWith("RESTART_")) {
                driver.stop(kind.part());
            } else {
                driver.kill(kind.part());
            }
            driver.recover(kind.part());
        }
        driver.ensureAllRunning();
        Set<Permission> needed = new TreeSet<>();
        calls.forEach(call -> needed.addAll(of(call)));
        return needed;
    }

    /** The API requests behind one kubectl call of the driver; a call it does not know fails the check. */
    static List<Permission> of(List<String> call) {
        String verb = call.get(0);
        if (verb.equals("get") && call.get(1).equals("pods")) {
            return List.of(new Permission("pods", "list", "*"));
        }
        if (verb.equals("delete") && call.get(1).equals("pod")) {
            // kubectl reads the named object before it deletes it.
            return List.of(new Permission("pods", "get", "*"), new Permission("pods", "delete", "*"));
        }
        if (verb.equals("wait") && call.contains("pod")) {
            // A selector: kubectl lists the matching pods, then watches them.
            return List.of(new Permission("pods", "list", "*"), new Permission("pods", "watch", "*"));
        }
        if (verb.equals("rollout") && call.get(2).startsWith("statefulset/")) {
            String name = call.get(2).substring("statefulset/".length());
            if (call.get(1).equals("restart")) {
                return List.of(new Permission("statefulsets", "get", name), new Permission("statefulsets", "patch", name));
            }
            if (call.get(1).equals("status")) {
                // A watch of that one object, by a metadata.name field selector.
                return List.of(new Permission("statefulsets", "get", name), new Permission("statefulsets", "list", name),
                        new Permission("statefulsets", "watch", name));
            }
        }
        throw new IllegalArgumentException("no known RBAC permissions for `kubectl " + String.join(" ", call)
                + "`: teach KubectlPermissions what API requests it makes");
    }

    /** The StatefulSets the driver restarts, by part. */
    static Set<String> statefulSets() {
        return new TreeSet<>(KubernetesTarget.ofManifests("any").statefulSets().values());
    }

    /** The label selector the driver finds each part's pods by. */
    static String selector(Part part) {
        return KubernetesTarget.ofManifests("any").selectors().get(part);
    }
}
