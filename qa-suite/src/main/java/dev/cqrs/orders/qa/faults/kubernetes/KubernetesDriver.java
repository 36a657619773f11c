package dev.cqrs.orders.qa.faults.kubernetes;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.cqrs.orders.qa.faults.FaultDriver;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.faults.Part;

/**
 * Faults in a Kubernetes namespace, through kubectl, so that it needs only what an operator's kubectl needs (the
 * Role in k8s/qa-suite): a service's pod is force-deleted (its containers are killed, the Deployment starts a new
 * pod); a server's StatefulSet gets a rolling restart (a clean stop and start); a server's crash is its pod deleted
 * with a 1 s grace period (SIGTERM, then SIGKILL a second later; not forced, so that the StatefulSet never runs two
 * pods on one volume). No rewinds: holding the query service down would mean scaling its Deployment, which its
 * autoscaler undoes. Every wait ends with {@code kubectl wait --for=condition=Ready}.
 */
public final class KubernetesDriver implements FaultDriver {

    /** What the next {@link #recover} of a part waits for. */
    private enum Pending { NEW_POD, ROLLOUT }

    private final Kubectl kubectl;
    private final KubernetesTarget target;
    private final Random random;
    private final Map<Part, Pending> pending = new EnumMap<>(Part.class);
    private final Map<Part, Pod> killed = new EnumMap<>(Part.class);
    private final Map<Part, Integer> podsBefore = new EnumMap<>(Part.class);

    public KubernetesDriver(Kubectl kubectl, KubernetesTarget target, long seed) {
        this.kubectl = kubectl;
        this.target = target;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "kubernetes (namespace " + target.namespace() + ")";
    }

    @Override
    public Set<FaultKind> kinds() {
        Set<FaultKind> kinds = EnumSet.allOf(FaultKind.class);
        kinds.remove(FaultKind.REWIND_QUERY_OFFSETS);
        return kinds;
    }

    @Override
    public synchronized String kill(Part part) {
        List<Pod> pods = pods(part);
        List<Pod> running = pods.stream().filter(pod -> pod.phase().equals("Running")).toList();
        if (running.isEmpty()) {
            throw new IllegalStateException("no running pod of the " + part.label() + " (" + target.selector(part) + ") in "
                    + target.namespace() + ": " + pods);
        }
        Pod victim = running.get(random.nextInt(running.size()));
        boolean service = part == Part.COMMAND || part == Part.QUERY;
        List<String> delete = new ArrayList<>(List.of("delete", "pod", victim.name(), "--namespace=" + target.namespace()));
        delete.addAll(service ? List.of("--grace-period=0", "--force", "--wait=false") : List.of("--grace-period=1", "--wait=false"));
        kubectl.run(delete);
        killed.put(part, victim);
        podsBefore.put(part, pods.size());
        pending.put(part, Pending.NEW_POD);
        return (service ? "force-deleted pod " : "deleted pod (1 s grace) ") + victim.name();
    }

    @Override
    public synchronized String stop(Part part) {
        String statefulSet = target.statefulSet(part);
        kubectl.run(List.of("rollout", "restart", "statefulset/" + statefulSet, "--namespace=" + target.namespace()));
        pending.put(part, Pending.ROLLOUT);
        return "rolling restart of statefulset/" + statefulSet;
    }

    @Override
    public String recover(Part part) {
        Pending what;
        synchronized (this) {
            what = pending.remove(part);
        }
        if (what == Pending.ROLLOUT) {
            String statefulSet = target.statefulSet(part);
            kubectl.run(List.of("rollout", "status", "statefulset/" + statefulSet, "--namespace=" + target.namespace(),
                    "--timeout=" + target.timeout().toSeconds() + "s"));
            return "statefulset/" + statefulSet + " rolled out";
        }
        if (what == Pending.NEW_POD) {
            Pod victim = killed.get(part);
            int before = podsBefore.get(part);
            await("a new pod of the " + part.label() + " instead of " + victim.name()).atMost(target.timeout())
                    .pollDelay(Duration.ZERO).pollInterval(target.pollInterval()).ignoreExceptions()
                    .until(() -> {
                        List<Pod> now = pods(part);
                        return now.size() >= before && now.stream().noneMatch(pod -> pod.uid().equals(victim.uid()));
                    });
        }
        awaitReady(part);
        return "pods " + pods(part).stream().map(Pod::name).toList() + " ready";
    }

    @Override
    public boolean holdsStoppedParts() {
        return false;
    }

    @Override
    public String ensureAllRunning() {
        for (Part part : Part.values()) {
            awaitReady(part);
        }
        return null;
    }

    private void awaitReady(Part part) {
        kubectl.run(List.of("wait", "--for=condition=Ready", "pod", "--selector=" + target.selector(part),
                "--namespace=" + target.namespace(), "--timeout=" + target.timeout().toSeconds() + "s"));
    }

    /** A pod as {@code kubectl get pods} lists it. */
    record Pod(String name, String uid, String phase) {
    }

    private List<Pod> pods(Part part) {
        String out = kubectl.run(List.of("get", "pods", "--namespace=" + target.namespace(), "--selector=" + target.selector(part),
                "--output=jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.status.phase}{\"\\n\"}{end}"));
        List<Pod> pods = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3) {
                pods.add(new Pod(fields[0], fields[1], fields[2]));
            }
        }
        return pods;
    }
}
