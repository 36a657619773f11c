package dev.cqrs.orders.deploy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Cross-checks the rendered objects of one overlay against the services' own configuration (application.yml,
 * pom.xml, Dockerfile). Every method adds readable problems to one list; an empty list means the overlay agrees.
 *
 * <p>{@code selfContained}: the overlay must bring everything the services reference (the dev overlay: Secrets,
 * ConfigMaps and the in-cluster servers). Otherwise (prod) Secrets and servers are outside and only the
 * references themselves are checked.
 */
final class KubernetesChecker {

    static final String PART_OF = "app.kubernetes.io/part-of";
    static final long MIN_MEMORY_BYTES = 384L * 1024 * 1024;
    static final int MIN_STARTUP_SECONDS = 120;
    /** After its last waiting phase a JVM still closes its pools and clients and exits: about a second, measured. */
    static final int EXIT_MARGIN_SECONDS = 5;

    private final List<HasMetadata> objects;
    private final boolean selfContained;
    private final List<String> problems = new ArrayList<>();

    private KubernetesChecker(List<HasMetadata> objects, boolean selfContained) {
        this.objects = objects;
        this.selfContained = selfContained;
    }

    static List<String> check(List<HasMetadata> objects, List<ServiceModule> modules, boolean selfContained) {
        KubernetesChecker checker = new KubernetesChecker(objects, selfContained);
        checker.checkDefaults();
        for (ServiceModule module : modules) {
            checker.checkService(module);
        }
        if (selfContained) {
            checker.checkReferencesResolve();
        }
        return checker.problems;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Namespace-wide

    private void checkDefaults() {
        for (HasMetadata object : objects) {
            Map<String, String> labels = object.getMetadata().getLabels();
            if (labels == null || !"cqrs-outbox".equals(labels.get(PART_OF))) {
                problems.add(id(object) + ": no label " + PART_OF + "=cqrs-outbox");
            }
        }
        boolean defaultDeny = all(NetworkPolicy.class).stream().anyMatch(p -> isEmpty(p.getSpec().getPodSelector())
                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (empty podSelector, policyTypes Ingress and Egress, no rules)");
        }
        for (ConfigMap map : all(ConfigMap.class)) {
            Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
            if (data.containsKey(AdminCredential.VARIABLE)) {
                problems.add(id(map) + ": holds " + AdminCredential.VARIABLE + "; a credential belongs in the Secret "
                        + AdminCredential.SECRET + ", not in a ConfigMap anyone who can read the namespace's config sees");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One service

    private void checkService(ServiceModule module) {
        String name = module.name();
        SpringServiceConfig config = module.config();
        Deployment deployment = named(Deployment.class, name);
        if (deployment == null) {
            problems.add("no Deployment " + name);
            return;
        }
        String where = "Deployment/" + name;
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        PodSpec pod = template.getSpec();
        Map<String, String> podLabels = template.getMetadata().getLabels();
        if (!matches(deployment.getSpec().getSelector(), podLabels)) {
            problems.add(where + ": its selector does not match its pod labels");
        }
        Container container = pod.getContainers().stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
        if (container == null) {
            problems.add(where + ": no container named " + name);
            return;
        }

        if (!module.image().equals(container.getImage())) {
            problems.add(where + ": image " + container.getImage() + ", expected " + module.image());
        }

        // Port
        List<ContainerPort> ports = container.getPorts();
        if (ports.size() != 1 || !Objects.equals(ports.get(0).getContainerPort(), config.port())) {
            problems.add(where + ": containerPort " + ports.stream().map(ContainerPort::getContainerPort).toList()
                    + " but " + name + " listens on " + config.port() + " (server.port default in application.yml)");
        }

        // Environment
        Map<String, Optional<String>> env = environment(where, container);
        for (String variable : env.keySet()) {
            if (!module.reads(variable)) {
                problems.add(where + ": sets " + variable + ", which " + name + "'s application.yml does not read "
                        + "(no ${" + variable + ":...} placeholder; it reads " + config.envNames() + ")");
            }
        }
        for (String variable : AdminCredential.TEST_ONLY_SWITCHES) {
            if (env.containsKey(variable)) {
                problems.add(where + ": sets " + variable + ", a switch for tests only (fault injection); no deployment may "
                        + "turn it on, leave it unset (default off)");
            }
        }
        if (module.needsAdminCredential()) {
            checkAdminCredential(where, container, env);
        }
        if (ApiAuth.checksTokens(module)) {
            problems.addAll(ApiAuth.kubernetesProblems(where, container, env, selfContained,
                    all(ConfigMap.class).stream().anyMatch(map -> ApiAuth.isAuthConfigMap(map.getMetadata().getName()))));
            if (!egressAllowed(podLabels, null, ApiAuth.jwkSetPort(env), "TCP")) {
                problems.add(where + ": no NetworkPolicy egress rule allows port " + ApiAuth.jwkSetPort(env)
                        + " to the issuer's JWK set outside the cluster, so no token could be checked");
            }
        }
        if (config.portEnvName() != null && env.containsKey(config.portEnvName())) {
            Optional<String> value = env.get(config.portEnvName());
            if (value.isPresent() && !value.get().equals(String.valueOf(config.port()))) {
                problems.add(where + ": " + config.portEnvName() + "=" + value.get() + " but the containerPort, probes and "
                        + "Service use " + config.port());
            }
        }

        // Probes
        checkProbe(where + " livenessProbe", container.getLivenessProbe(), "liveness", container, config);
        checkProbe(where + " readinessProbe", container.getReadinessProbe(), "readiness", container, config);
        checkProbe(where + " startupProbe", container.getStartupProbe(), "liveness", container, config);
        Probe startup = container.getStartupProbe();
        if (startup != null) {
            int budget = value(startup.getPeriodSeconds(), 10) * value(startup.getFailureThreshold(), 3);
            if (budget < MIN_STARTUP_SECONDS) {
                problems.add(where + ": startupProbe allows " + budget + " s to start, needs at least " + MIN_STARTUP_SECONDS
                        + " s (migrations, replication slot, Spring context)");
            }
        }

        checkSecurity(where, module, pod, container);
        checkShutdown(where, module, pod, container);
        checkResources(where, module, container);

        // Replicas, PDB, HPA
        HorizontalPodAutoscaler hpa = all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                        && name.equals(h.getSpec().getScaleTargetRef().getName()))
                .findFirst().orElse(null);
        int replicas = hpa != null ? value(hpa.getSpec().getMinReplicas(), 1) : value(deployment.getSpec().getReplicas(), 1);
        if (hpa != null && deployment.getSpec().getReplicas() != null) {
            problems.add(where + ": sets replicas although HorizontalPodAutoscaler/" + hpa.getMetadata().getName()
                    + " owns the count (every apply would reset it)");
        }
        if (replicas < 2) {
            problems.add(where + ": runs " + replicas + " replica(s); at least 2 are needed to survive a node drain");
        }
        List<PodDisruptionBudget> pdbs = all(PodDisruptionBudget.class).stream()
                .filter(p -> matches(p.getSpec().getSelector(), podLabels)).toList();
        if (pdbs.size() != 1) {
            problems.add(where + ": " + pdbs.size() + " PodDisruptionBudgets select its pods, expected 1");
        } else {
            IntOrString minAvailable = pdbs.get(0).getSpec().getMinAvailable();
            if (minAvailable == null || minAvailable.getIntVal() == null || minAvailable.getIntVal() >= replicas) {
                problems.add(where + ": PodDisruptionBudget minAvailable " + (minAvailable == null ? null : minAvailable.getValue())
                        + " must be a number below the " + replicas + " replicas, or no node could ever be drained");
            }
        }

        // Service
        Service service = named(Service.class, name);
        if (service == null) {
            problems.add("no Service " + name);
        } else {
            if (!matches(service.getSpec().getSelector(), podLabels)) {
                problems.add("Service/" + name + ": selector " + service.getSpec().getSelector() + " does not match the pods "
                        + podLabels);
            }
            boolean reaches = service.getSpec().getPorts().stream().anyMatch(p -> Objects.equals(p.getPort(), config.port())
                    && Objects.equals(resolvePort(p.getTargetPort(), container), config.port()));
            if (!reaches) {
                problems.add("Service/" + name + ": no port " + config.port() + " whose targetPort is the container's port "
                        + config.port());
            }
        }

        // Metrics scraping
        Map<String, String> annotations = template.getMetadata().getAnnotations() == null ? Map.of()
                : template.getMetadata().getAnnotations();
        if (annotations.containsKey("prometheus.io/path")) {
            String expected = config.actuatorBasePath() + "/prometheus";
            if (!expected.equals(annotations.get("prometheus.io/path"))) {
                problems.add(where + ": prometheus.io/path " + annotations.get("prometheus.io/path") + ", expected " + expected);
            }
            if (!config.exposes("prometheus")) {
                problems.add(where + ": annotated for Prometheus scraping, but " + name + " does not expose the prometheus "
                        + "endpoint (management.endpoints.web.exposure.include " + config.exposedEndpoints() + ")");
            }
            if (!String.valueOf(config.managementPort()).equals(annotations.get("prometheus.io/port"))) {
                problems.add(where + ": prometheus.io/port " + annotations.get("prometheus.io/port") + ", expected "
                        + config.managementPort());
            }
        }

        checkNetwork(where, module, podLabels, container, env);
    }

    /**
     * A module running admin-security refuses every admin request without ADMIN_USERS, and ADMIN_USERS is a credential:
     * it must come from the Secret orders-admin by secretKeyRef (not optional), never as a literal or from a ConfigMap.
     */
    private void checkAdminCredential(String where, Container container, Map<String, Optional<String>> env) {
        String variable = AdminCredential.VARIABLE;
        EnvVar entry = container.getEnv().stream().filter(e -> variable.equals(e.getName())).findFirst().orElse(null);
        var ref = entry == null || entry.getValueFrom() == null ? null : entry.getValueFrom().getSecretKeyRef();
        if (ref == null) {
            if (entry != null && entry.getValueFrom() == null) {
                problems.add(where + ": " + variable + " is written into the manifest; take it from Secret "
                        + AdminCredential.SECRET + " key " + AdminCredential.KEY + " (secretKeyRef)");
            } else if (entry != null || env.containsKey(variable)) {
                problems.add(where + ": " + variable + " does not come from Secret " + AdminCredential.SECRET
                        + " (secretKeyRef, key " + AdminCredential.KEY + ")");
            } else {
                problems.add(where + ": no " + variable + " from Secret " + AdminCredential.SECRET + " key "
                        + AdminCredential.KEY + ", so every /admin and protected /actuator request would be refused (401)");
            }
            return;
        }
        if (!AdminCredential.isAdminSecret(ref.getName()) || !AdminCredential.KEY.equals(ref.getKey())) {
            problems.add(where + ": " + variable + " comes from Secret " + ref.getName() + " key " + ref.getKey()
                    + ", expected Secret " + AdminCredential.SECRET + " key " + AdminCredential.KEY
                    + " (one credential for the services and the console)");
        }
        if (Boolean.TRUE.equals(ref.getOptional())) {
            problems.add(where + ": the Secret reference for " + variable + " is optional: without the Secret the pod "
                    + "would start with nobody allowed in, instead of failing visibly");
        }
        if (selfContained) {
            Optional<String> value = env.getOrDefault(variable, Optional.empty());
            value.ifPresent(v -> problems.addAll(AdminCredential.problemsOf(where + " (Secret " + ref.getName() + ")", v)));
        }
    }

    private void checkProbe(String where, Probe probe, String expectedGroup, Container container, SpringServiceConfig config) {
        if (probe == null) {
            problems.add(where + ": missing");
            return;
        }
        if (probe.getHttpGet() == null) {
            problems.add(where + ": not an httpGet probe on the actuator");
            return;
        }
        String path = probe.getHttpGet().getPath();
        String group = config.healthGroupOf(path);
        if (group == null) {
            problems.add(where + ": path " + path + " is not a health group the service offers (it has "
                    + config.healthGroups().stream().map(config::healthPath).sorted().toList()
                    + "; liveness and readiness need management.endpoint.health.probes.enabled: true)");
        } else if (!group.equals(expectedGroup)) {
            problems.add(where + ": probes health group " + group + ", expected " + expectedGroup);
        }
        Integer port = resolvePort(probe.getHttpGet().getPort(), container);
        if (!Objects.equals(port, config.managementPort())) {
            problems.add(where + ": probes port " + probe.getHttpGet().getPort().getValue() + " (= " + port
                    + "), the actuator is on " + config.managementPort());
        }
    }

    private void checkSecurity(String where, ServiceModule module, PodSpec pod, Container container) {
        PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            problems.add(where + ": runAsNonRoot is not true");
        }
        Long uid = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        Integer imageUid = module.dockerfile().finalUid();
        if (uid == null || imageUid == null || uid.longValue() != imageUid.longValue()) {
            problems.add(where + ": runAsUser " + uid + ", but the image's USER is " + imageUid);
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (context.getCapabilities() == null || !context.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": does not drop ALL capabilities");
        }
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                : podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
        if (!"RuntimeDefault".equals(seccomp)) {
            problems.add(where + ": seccompProfile " + seccomp + ", expected RuntimeDefault");
        }
        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath())).findFirst().orElse(null);
        Volume volume = tmp == null ? null
                : pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElse(null);
        if (volume == null || volume.getEmptyDir() == null) {
            problems.add(where + ": no emptyDir mounted at /tmp (the only place a read-only root lets the JVM and Tomcat write)");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(where + ": automountServiceAccountToken is not false (the services never call the API server)");
        }
    }

    /**
     * Kubernetes sends SIGKILL terminationGracePeriodSeconds after it ran preStop; in between, the service's Spring
     * context waits in each of its waiting shutdown phases for up to spring.lifecycle.timeout-per-shutdown-phase.
     */
    private void checkShutdown(String where, ServiceModule module, PodSpec pod, Container container) {
        long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
        Integer sleep = null;
        if (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null) {
            var preStop = container.getLifecycle().getPreStop();
            if (preStop.getSleep() != null) {
                sleep = preStop.getSleep().getSeconds() == null ? null : preStop.getSleep().getSeconds().intValue();
            } else if (preStop.getExec() != null) {
                List<String> command = preStop.getExec().getCommand();
                if (command.size() == 2 && command.get(0).endsWith("sleep") && command.get(1).matches("\\d+")) {
                    sleep = Integer.valueOf(command.get(1));
                }
            }
        }
        if (sleep == null || sleep < 1) {
            problems.add(where + ": no preStop sleep, so the pod stops before its endpoint is removed everywhere");
            sleep = 0;
        }
        long phase = module.config().shutdownPhaseTimeout().toSeconds();
        int phases = module.waitingShutdownPhases();
        long needed = sleep + phases * phase + EXIT_MARGIN_SECONDS;
        if (grace < needed) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " < " + needed + " (preStop " + sleep + " s + "
                    + phases + " waiting shutdown phases x spring.lifecycle.timeout-per-shutdown-phase " + phase + " s + "
                    + EXIT_MARGIN_SECONDS + " s to exit): SIGKILL would cut the shutdown short");
        }
    }

    private void checkResources(String where, ServiceModule module, Container container) {
        var resources = container.getResources();
        Quantity limit = resources == null ? null : resources.getLimits().get("memory");
        Quantity request = resources == null ? null : resources.getRequests().get("memory");
        if (limit == null) {
            problems.add(where + ": no memory limit (the heap is sized as " + DockerfileChecker.HEAP_PERCENT + " % of it)");
            return;
        }
        BigDecimal limitBytes = Quantity.getAmountInBytes(limit);
        if (limitBytes.compareTo(BigDecimal.valueOf(MIN_MEMORY_BYTES)) < 0) {
            problems.add(where + ": memory limit " + limit + " is below 384Mi");
        }
        long besideHeapMib = limitBytes.longValue() * (100 - DockerfileChecker.HEAP_PERCENT) / 100 / (1024 * 1024);
        if (besideHeapMib < module.besideHeapMib()) {
            problems.add(where + ": memory limit " + limit + " leaves " + besideHeapMib + " MiB beside a heap of "
                    + DockerfileChecker.HEAP_PERCENT + " %, but " + module.name() + " needs " + module.besideHeapMib()
                    + " MiB there: the kernel would kill the pod before its heap ran out");
        }
        if (request == null || Quantity.getAmountInBytes(request).compareTo(limitBytes) != 0) {
            problems.add(where + ": memory request " + request + " differs from the limit " + limit
                    + " (a JVM uses its heap; a pod above its request is the first to be evicted)");
        }
        if (resources.getRequests().get("cpu") == null) {
            problems.add(where + ": no cpu request");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Network: ingress to the service, egress to what its settings point at, DNS

    private void checkNetwork(String where, ServiceModule module, Map<String, String> podLabels, Container container,
            Map<String, Optional<String>> env) {
        ContainerPort http = container.getPorts().isEmpty() ? null : container.getPorts().get(0);
        boolean reachable = http != null && policiesSelecting(podLabels, "Ingress").stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null)
                        && portsAllow(rule.getPorts(), http.getContainerPort(), http.getName(), "TCP"));
        if (!reachable) {
            problems.add(where + ": no NetworkPolicy lets clients from another namespace (the ingress controller) reach its port");
        }
        if (!egressAllowed(podLabels, null, 53, "UDP")) {
            problems.add(where + ": NetworkPolicies block DNS (egress to port 53/UDP)");
        }

        for (String setting : Endpoints.SETTINGS) {
            if (!module.config().reads(setting)) {
                continue;
            }
            Optional<String> value = env.get(setting);
            List<Endpoints.Endpoint> endpoints;
            if (value == null) {
                endpoints = Endpoints.of(setting, module.config().envDefaults().get(setting));
                if (endpoints.stream().anyMatch(Endpoints.Endpoint::isLoopback)) {
                    problems.add(where + ": " + setting + " is not set, and its default in application.yml points at "
                            + "the loopback address");
                    continue;
                }
            } else if (value.isEmpty()) {
                // From a Secret that lives outside this overlay: only the default's port is known.
                endpoints = Endpoints.of(setting, module.config().envDefaults().get(setting)).stream()
                        .map(e -> new Endpoints.Endpoint(setting, null, e.port())).toList();
            } else {
                endpoints = Endpoints.of(setting, value.get());
                if (endpoints.isEmpty()) {
                    problems.add(where + ": " + setting + "=" + value.get() + " is not a URL/host list the checks understand");
                }
            }
            for (Endpoints.Endpoint endpoint : endpoints) {
                checkEndpoint(where, podLabels, endpoint);
            }
        }
    }

    private void checkEndpoint(String where, Map<String, String> podLabels, Endpoints.Endpoint endpoint) {
        String what = where + ": " + endpoint.setting() + " -> " + (endpoint.host() == null ? "" : endpoint.host()) + ":"
                + endpoint.port();
        if (endpoint.isLoopback()) {
            problems.add(what + " is the loopback address, which in a pod is the pod itself");
            return;
        }
        Service service = named(Service.class, endpoint.shortHost());
        if (!selfContained && (service == null || endpoint.host() == null)) {
            // A managed server outside the cluster (prod): only egress to its port can be checked.
            if (!egressAllowed(podLabels, null, endpoint.port(), "TCP")) {
                problems.add(what + ": no NetworkPolicy egress rule allows that port to an outside endpoint");
            }
            return;
        }
        if (service == null) {
            problems.add(what + ": no Service " + endpoint.shortHost() + " in this overlay");
            return;
        }
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> Objects.equals(p.getPort(), endpoint.port()))
                .findFirst().orElse(null);
        if (port == null) {
            problems.add(what + ": Service/" + service.getMetadata().getName() + " has no port " + endpoint.port());
            return;
        }
        PodTemplateSpec target = podTemplates().stream()
                .filter(t -> matches(service.getSpec().getSelector(), t.getMetadata().getLabels())).findFirst().orElse(null);
        if (target == null) {
            problems.add(what + ": Service/" + service.getMetadata().getName() + " selects no pods of this overlay");
            return;
        }
        Map<String, String> targetLabels = target.getMetadata().getLabels();
        Integer targetPort = target.getSpec().getContainers().stream().map(c -> resolvePort(port.getTargetPort(), c))
                .filter(Objects::nonNull).findFirst().orElse(null);
        String targetPortName = target.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> Objects.equals(p.getContainerPort(), targetPort)).map(ContainerPort::getName)
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (targetPort == null) {
            problems.add(what + ": Service/" + service.getMetadata().getName() + " targetPort "
                    + port.getTargetPort().getValue() + " is no container port of its pods");
            return;
        }
        if (!egressAllowed(podLabels, targetLabels, targetPort, targetPortName, "TCP")) {
            problems.add(what + ": NetworkPolicies block the egress to " + targetLabels + " port " + targetPort);
        }
        if (!ingressAllowed(targetLabels, podLabels, targetPort, targetPortName)) {
            problems.add(what + ": NetworkPolicies of " + service.getMetadata().getName() + " do not admit " + where);
        }
        if ("DB_URL".equals(endpoint.setting())) {
            for (Container c : target.getSpec().getContainers()) {
                List<String> argv = new ArrayList<>(c.getCommand());
                argv.addAll(c.getArgs());
                problems.addAll(PostgresSettings.problems(service.getMetadata().getName(), PostgresSettings.parse(argv)));
            }
        }
    }

    private List<NetworkPolicy> policiesSelecting(Map<String, String> labels, String type) {
        return all(NetworkPolicy.class).stream()
                .filter(p -> matches(p.getSpec().getPodSelector(), labels))
                .filter(p -> p.getSpec().getPolicyTypes().contains(type)
                        || ("Ingress".equals(type) && p.getSpec().getPolicyTypes().isEmpty()))
                .toList();
    }

    /** Whether the pods with {@code from} labels may open {@code port}; {@code to} null means a host outside. */
    boolean egressAllowed(Map<String, String> from, Map<String, String> to, int port, String protocol) {
        return egressAllowed(from, to, port, null, protocol);
    }

    /** As above, where the target's container port may also be named {@code portName} in the rules. */
    boolean egressAllowed(Map<String, String> from, Map<String, String> to, int port, String portName, String protocol) {
        List<NetworkPolicy> policies = policiesSelecting(from, "Egress");
        if (policies.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                if (portsAllow(rule.getPorts(), port, portName, protocol)
                        && (rule.getTo().isEmpty() || rule.getTo().stream().anyMatch(peer -> peerMatches(peer, to)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether pods with {@code to} labels admit pods with {@code from} labels (same namespace) on {@code port}, which
     * the rules may also name {@code portName} (the container port's name, or null).
     */
    boolean ingressAllowed(Map<String, String> to, Map<String, String> from, int port, String portName) {
        List<NetworkPolicy> policies = policiesSelecting(to, "Ingress");
        if (policies.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (portsAllow(rule.getPorts(), port, portName, "TCP")
                        && (rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> peerMatches(peer, from)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, Map<String, String> labels) {
        if (labels == null) {
            // Outside the cluster: only ipBlocks match.
            return peer.getIpBlock() != null;
        }
        if (peer.getNamespaceSelector() != null) {
            return false; // other namespaces; our pods are all in one
        }
        return peer.getPodSelector() != null && matches(peer.getPodSelector(), labels);
    }

    private static boolean portsAllow(List<NetworkPolicyPort> ports, int number, String name, String protocol) {
        if (ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol)
                && (p.getPort() == null
                || (p.getPort().getIntVal() != null && p.getPort().getIntVal() <= number
                && number <= (p.getEndPort() == null ? p.getPort().getIntVal() : p.getEndPort()))
                || (name != null && name.equals(p.getPort().getStrVal()))));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // References (self-contained overlays only)

    private void checkReferencesResolve() {
        for (PodTemplateSpec template : podTemplates()) {
            String owner = "pods " + template.getMetadata().getLabels();
            for (Container c : template.getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        var ref = e.getValueFrom().getSecretKeyRef();
                        Secret secret = named(Secret.class, ref.getName());
                        if (secret == null || !keys(secret).contains(ref.getKey())) {
                            problems.add(owner + ": env " + e.getName() + " refers to Secret " + ref.getName() + " key "
                                    + ref.getKey() + ", which this overlay does not contain");
                        }
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = e.getValueFrom().getConfigMapKeyRef();
                        ConfigMap map = named(ConfigMap.class, ref.getName());
                        if (map == null || !map.getData().containsKey(ref.getKey())) {
                            problems.add(owner + ": env " + e.getName() + " refers to ConfigMap " + ref.getName() + " key "
                                    + ref.getKey() + ", which this overlay does not contain");
                        }
                    }
                }
            }
            for (Volume v : template.getSpec().getVolumes()) {
                if (v.getConfigMap() != null && named(ConfigMap.class, v.getConfigMap().getName()) == null) {
                    problems.add(owner + ": volume " + v.getName() + " mounts ConfigMap " + v.getConfigMap().getName()
                            + ", which this overlay does not contain");
                }
                if (v.getSecret() != null && named(Secret.class, v.getSecret().getSecretName()) == null) {
                    problems.add(owner + ": volume " + v.getName() + " mounts Secret " + v.getSecret().getSecretName()
                            + ", which this overlay does not contain");
                }
            }
        }
        for (StatefulSet set : all(StatefulSet.class)) {
            if (set.getSpec().getVolumeClaimTemplates().isEmpty()) {
                problems.add("StatefulSet/" + set.getMetadata().getName() + ": no volumeClaimTemplates, its data dies with the pod");
            }
            if (named(Service.class, set.getSpec().getServiceName()) == null) {
                problems.add("StatefulSet/" + set.getMetadata().getName() + ": serviceName " + set.getSpec().getServiceName()
                        + " is no Service of this overlay");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /**
     * The container's environment: every variable name, with its value when this overlay knows it (a literal, a
     * ConfigMap or, when self-contained, a Secret) and empty when it comes from outside (a prod Secret).
     */
    private Map<String, Optional<String>> environment(String where, Container container) {
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap map = named(ConfigMap.class, from.getConfigMapRef().getName());
                if (map == null) {
                    problems.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not in this overlay");
                } else {
                    map.getData().forEach((k, v) -> env.put(prefix(from) + k, Optional.ofNullable(v)));
                }
            }
            if (from.getSecretRef() != null) {
                Secret secret = named(Secret.class, from.getSecretRef().getName());
                if (secret == null) {
                    problems.add(where + ": envFrom Secret " + from.getSecretRef().getName() + " hides which variables it "
                            + "sets; use env with secretKeyRef instead");
                } else {
                    keys(secret).forEach(k -> env.put(prefix(from) + k, Optional.ofNullable(secretValue(secret, k))));
                }
            }
        }
        for (EnvVar e : container.getEnv()) {
            if (e.getValueFrom() == null) {
                env.put(e.getName(), Optional.ofNullable(e.getValue()));
            } else if (e.getValueFrom().getSecretKeyRef() != null) {
                Secret secret = named(Secret.class, e.getValueFrom().getSecretKeyRef().getName());
                env.put(e.getName(), Optional.ofNullable(secret == null ? null
                        : secretValue(secret, e.getValueFrom().getSecretKeyRef().getKey())));
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                ConfigMap map = named(ConfigMap.class, e.getValueFrom().getConfigMapKeyRef().getName());
                env.put(e.getName(), Optional.ofNullable(map == null ? null
                        : map.getData().get(e.getValueFrom().getConfigMapKeyRef().getKey())));
            } else {
                env.put(e.getName(), Optional.empty());
            }
        }
        return env;
    }

    private static String prefix(EnvFromSource from) {
        return from.getPrefix() == null ? "" : from.getPrefix();
    }

    private static List<String> keys(Secret secret) {
        List<String> keys = new ArrayList<>(secret.getData() == null ? List.of() : secret.getData().keySet());
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        return encoded == null ? null : new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private List<PodTemplateSpec> podTemplates() {
        List<PodTemplateSpec> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        return templates;
    }

    /** A container port by number or name, as a number; null if the container has no such port. */
    private static Integer resolvePort(IntOrString port, Container container) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return container.getPorts().stream().anyMatch(p -> Objects.equals(p.getContainerPort(), port.getIntVal()))
                    ? port.getIntVal() : null;
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalArgumentException("matchExpressions are not supported by these checks: " + selector);
        }
        return matches(selector.getMatchLabels(), labels);
    }

    static boolean matches(Map<String, String> matchLabels, Map<String, String> labels) {
        if (matchLabels == null || matchLabels.isEmpty()) {
            return true;
        }
        return labels != null && labels.entrySet().containsAll(matchLabels.entrySet());
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    private <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    private static int value(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
