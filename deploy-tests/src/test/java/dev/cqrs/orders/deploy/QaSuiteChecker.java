package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import dev.cqrs.orders.deploy.KubectlPermissions.Permission;
import dev.cqrs.orders.qa.cli.QaMain;
import dev.cqrs.orders.qa.faults.Part;

/**
 * Cross-checks the QA Job (k8s/qa-suite) against the suite itself and the system it runs in (the dev overlay): the
 * suite accepts the Job's arguments; the Role allows exactly what the kubernetes driver's kubectl calls need; the
 * driver's label selectors and StatefulSet names find the dev overlay's workloads; the URLs name its Services; the
 * NetworkPolicies let the Job reach the services and Kafka; the admin credential is mounted where the Job reads it.
 */
final class QaSuiteChecker {

    static final String NAME = "qa-suite";

    private final List<HasMetadata> qa;
    private final List<HasMetadata> dev;
    private final ModulePom pom;
    private final List<String> problems = new ArrayList<>();

    private QaSuiteChecker(List<HasMetadata> qa, List<HasMetadata> dev, ModulePom pom) {
        this.qa = qa;
        this.dev = dev;
        this.pom = pom;
    }

    static List<String> check(List<HasMetadata> qa, List<HasMetadata> dev, ModulePom pom) {
        QaSuiteChecker checker = new QaSuiteChecker(qa, dev, pom);
        Job job = one(qa, Job.class, NAME);
        if (job == null) {
            return List.of("no Job " + NAME);
        }
        checker.checkJob(job);
        checker.checkRole(job);
        checker.checkNetwork(job);
        checker.checkDriverFindsTheWorkloads();
        return checker.problems;
    }

    /** The image: the agreed layered jar image, plus kubectl checked against its published checksum; no port. */
    static List<String> checkImage(Dockerfile dockerfile, String dockerignore, ModulePom pom) {
        String path = "docker/" + NAME + ".Dockerfile";
        String jar = NAME + "/target/" + pom.execJarName();
        List<String> problems = new ArrayList<>(DockerfileChecker.checkLayeredJar(path + ": ", jar, NAME, dockerfile));
        boolean kubectl = dockerfile.inFinalStage("COPY").stream()
                .anyMatch(copy -> copy.arguments().startsWith("--from=") && copy.arguments().endsWith("/usr/local/bin/kubectl"));
        boolean verified = dockerfile.all("RUN").stream()
                .anyMatch(run -> run.arguments().contains("dl.k8s.io") && run.arguments().contains("sha256sum --check"));
        if (!kubectl || !verified) {
            problems.add(path + ": kubectl must come from dl.k8s.io, checked with its .sha256 (sha256sum --check), and be"
                    + " copied to /usr/local/bin/kubectl in the final stage");
        }
        if (!dockerfile.inFinalStage("EXPOSE").isEmpty()) {
            problems.add(path + ": EXPOSE, but the suite is a client and listens on nothing");
        }
        problems.addAll(DockerfileChecker.checkDockerignore(path, jar, dockerignore));
        return problems;
    }

    private void checkJob(Job job) {
        String where = "Job/" + NAME;
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        String image = "cqrs-outbox/" + pom.artifactId() + ":" + pom.releaseVersion();
        if (!image.equals(container.getImage())) {
            problems.add(where + ": image " + container.getImage() + ", expected " + image);
        }
        if (!Objects.equals(job.getSpec().getBackoffLimit(), 0)) {
            problems.add(where + ": backoffLimit " + job.getSpec().getBackoffLimit() + ": a failed verdict must not be retried");
        }
        if (job.getSpec().getActiveDeadlineSeconds() == null) {
            problems.add(where + ": no activeDeadlineSeconds: the run must end by itself");
        }
        List<String> args = container.getArgs().stream().map(arg -> arg.replace("$(POD_NAMESPACE)", "ns")).toList();
        String refused = QaMain.checkArguments(args.toArray(String[]::new));
        if (refused != null) {
            problems.add(where + ": the suite refuses its arguments: " + refused);
        }
        boolean namespaceFromPod = container.getEnv().stream().anyMatch(env -> env.getName().equals("POD_NAMESPACE")
                && env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null
                && "metadata.namespace".equals(env.getValueFrom().getFieldRef().getFieldPath()));
        if (container.getArgs().contains("--fault-driver=kubernetes")
                && (!container.getArgs().contains("--namespace=$(POD_NAMESPACE)") || !namespaceFromPod)) {
            problems.add(where + ": the kubernetes driver must act on the Job's own namespace (--namespace=$(POD_NAMESPACE),"
                    + " POD_NAMESPACE from metadata.namespace)");
        }
        checkUrl(where, args, "--command-url=", "order-command-service");
        checkUrl(where, args, "--query-url=", "order-query-service");
        checkAdminCredential(where, pod, container, args);
        checkApiToken(where, pod, container, args);
        boolean home = container.getEnv().stream().map(EnvVar::getName).anyMatch("HOME"::equals);
        boolean tmp = container.getVolumeMounts().stream().map(VolumeMount::getMountPath).anyMatch("/tmp"::equals);
        if (!Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem()) || !home || !tmp) {
            problems.add(where + ": read-only root file system, with /tmp mounted and HOME set for kubectl's cache");
        }
        if (!Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
            problems.add(where + ": not runAsNonRoot");
        }
        ServiceAccount account = one(qa, ServiceAccount.class, pod.getServiceAccountName());
        RoleBinding binding = one(qa, RoleBinding.class, NAME);
        if (account == null || binding == null || !"Role".equals(binding.getRoleRef().getKind())
                || !NAME.equals(binding.getRoleRef().getName())
                || binding.getSubjects().stream().noneMatch(s -> s.getKind().equals("ServiceAccount")
                        && s.getName().equals(pod.getServiceAccountName()))) {
            problems.add(where + ": its ServiceAccount " + pod.getServiceAccountName() + " must exist and be bound to Role "
                    + NAME + " (and to nothing else here)");
        }
    }

    /** {@code --X-url=http://<service>:<port>} names a Service of the system with that port. */
    private void checkUrl(String where, List<String> args, String flag, String service) {
        String url = valueOf(args, flag).orElse("");
        Service target = one(dev, Service.class, service);
        boolean matches = target != null && target.getSpec().getPorts().stream()
                .anyMatch(port -> url.equals("http://" + service + ":" + port.getPort()));
        if (!matches) {
            problems.add(where + ": " + flag + url + " is not the Service " + service + " of the system");
        }
    }

    private void checkAdminCredential(String where, PodSpec pod, Container container, List<String> args) {
        String file = valueOf(args, "--admin-auth-file=").orElse(null);
        if (file == null) {
            problems.add(where + ": no --admin-auth-file: the credential belongs in a mounted Secret, not in the arguments");
            return;
        }
        String dir = file.substring(0, file.lastIndexOf('/'));
        String key = file.substring(file.lastIndexOf('/') + 1);
        String volume = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals(dir))
                .map(VolumeMount::getName).findFirst().orElse(null);
        String secret = pod.getVolumes().stream().filter(v -> v.getName().equals(volume) && v.getSecret() != null)
                .map(Volume::getSecret).map(s -> s.getSecretName()).findFirst().orElse(null);
        Secret generated = secret == null ? null : one(qa, Secret.class, secret);
        if (generated == null || generated.getData() == null || !generated.getData().containsKey(key)) {
            problems.add(where + ": " + file + " is not the key " + key + " of a Secret volume mounted at " + dir);
        }
    }

    /**
     * The bearer token comes from a Secret no overlay generates (the issuer's), mounted as a directory: a subPath mount
     * never sees the kubelet's updates, so a rotated token would not reach a long run.
     */
    private void checkApiToken(String where, PodSpec pod, Container container, List<String> args) {
        String file = valueOf(args, "--api-token-file=").orElse(null);
        if (file == null) {
            problems.add(where + ": no --api-token-file: the public APIs refuse requests without a bearer token");
            return;
        }
        String dir = file.substring(0, file.lastIndexOf('/'));
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dir)
                || m.getMountPath().equals(file)).findFirst().orElse(null);
        boolean fromSecret = mount != null && pod.getVolumes().stream()
                .anyMatch(v -> v.getName().equals(mount.getName()) && v.getSecret() != null);
        if (!fromSecret || mount.getSubPath() != null || !mount.getMountPath().equals(dir)) {
            problems.add(where + ": " + file + " must be a key of a Secret volume mounted as the directory " + dir
                    + " (no subPath: the kubelet updates only whole-volume mounts)");
        }
    }

    /** The value of the first argument {@code <flag>value}, where {@code flag} ends with '='. */
    private static java.util.Optional<String> valueOf(List<String> args, String flag) {
        return args.stream().filter(arg -> arg.startsWith(flag)).map(arg -> arg.substring(flag.length())).findFirst();
    }

    private void checkRole(Job job) {
        Role role = one(qa, Role.class, NAME);
        if (role == null) {
            problems.add("no Role " + NAME);
            return;
        }
        Set<Permission> granted = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            for (String resource : rule.getResources()) {
                for (String verb : rule.getVerbs()) {
                    if (resource.contains("*") || verb.equals("*")) {
                        problems.add("Role/" + NAME + ": a wildcard (" + resource + ":" + verb + ") grants more than the driver needs");
                    }
                    List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                            ? List.of("*") : rule.getResourceNames();
                    names.forEach(name -> granted.add(new Permission(resource, verb, name)));
                }
            }
        }
        Set<Permission> needed = KubectlPermissions.ofTheDriver();
        for (Permission permission : needed) {
            boolean allowed = granted.contains(permission) || granted.contains(new Permission(permission.resource(),
                    permission.verb(), "*"));
            if (!allowed) {
                problems.add("Role/" + NAME + ": does not allow " + permission + ", which the kubernetes driver needs");
            }
        }
        for (Permission permission : granted) {
            boolean used = needed.stream().anyMatch(n -> n.resource().equals(permission.resource()) && n.verb().equals(permission.verb())
                    && (n.name().equals(permission.name()) || permission.name().equals("*") && n.name().equals("*")));
            if (!used) {
                problems.add("Role/" + NAME + ": allows " + permission + ", which the kubernetes driver never needs");
            }
        }
    }

    private void checkNetwork(Job job) {
        Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
        if (!"true".equals(podLabels.get("cqrs-outbox/client"))) {
            problems.add("Job/" + NAME + ": its pods lack the label cqrs-outbox/client=true, so the services' NetworkPolicies"
                    + " refuse them");
        }
        NetworkPolicy own = one(qa, NetworkPolicy.class, NAME);
        if (own == null || !podLabels.entrySet().containsAll(own.getSpec().getPodSelector().getMatchLabels().entrySet())) {
            problems.add("no NetworkPolicy " + NAME + " selecting the Job's pods: the namespace's default-deny blocks them");
            return;
        }
        for (Map.Entry<String, Integer> to : Map.of("order-command-service", 8081, "order-query-service", 8082, "kafka", 9092)
                .entrySet()) {
            boolean allowed = own.getSpec().getEgress().stream().anyMatch(rule -> rule.getTo().stream()
                    .anyMatch(peer -> selects(peer, to.getKey())) && rule.getPorts().stream()
                    .anyMatch(port -> port.getPort() != null && Objects.equals(port.getPort().getIntVal(), to.getValue())));
            if (!allowed) {
                problems.add("NetworkPolicy/" + NAME + ": no egress to " + to.getKey() + ":" + to.getValue());
            }
        }
        NetworkPolicy kafka = one(dev, NetworkPolicy.class, "kafka");
        boolean admitted = kafka != null && kafka.getSpec().getIngress().stream()
                .anyMatch(rule -> rule.getFrom().stream().anyMatch(peer -> selects(peer, NAME)));
        if (!admitted) {
            problems.add("NetworkPolicy/kafka (dev overlay): does not admit the " + NAME + " pods");
        }
    }

    private static boolean selects(NetworkPolicyPeer peer, String name) {
        return peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                && name.equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
    }

    /** Each part's selector matches the pod labels of a workload of the system; each StatefulSet name is one. */
    private void checkDriverFindsTheWorkloads() {
        for (Part part : Part.values()) {
            String selector = KubectlPermissions.selector(part);
            boolean found = dev.stream().anyMatch(object -> podLabels(object).entrySet().containsAll(parse(selector).entrySet()));
            if (!found) {
                problems.add("the kubernetes driver looks for the " + part.label() + " by " + selector
                        + ", which no Deployment or StatefulSet of the dev overlay has");
            }
        }
        for (String statefulSet : KubectlPermissions.statefulSets()) {
            if (one(dev, StatefulSet.class, statefulSet) == null) {
                problems.add("the kubernetes driver restarts statefulset/" + statefulSet + ", which the dev overlay does not have");
            }
        }
    }

    private static Map<String, String> podLabels(HasMetadata object) {
        Map<String, String> labels = object instanceof Deployment d ? d.getSpec().getTemplate().getMetadata().getLabels()
                : object instanceof StatefulSet s ? s.getSpec().getTemplate().getMetadata().getLabels() : null;
        return labels == null ? Map.of() : labels;
    }

    private static Map<String, String> parse(String selector) {
        Map<String, String> labels = new java.util.HashMap<>();
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            labels.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
        }
        return labels;
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
