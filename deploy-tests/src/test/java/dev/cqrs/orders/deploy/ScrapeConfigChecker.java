package dev.cqrs.orders.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The Prometheus scrape job documented in docs/OPERATIONS.md agrees with the manifests: it discovers the pods of both
 * overlays' namespaces, keeps the ones annotated {@code prometheus.io/scrape}, takes path and port from the same
 * annotations, and sends HTTP Basic credentials (from a file, not written into the config) of a user that the dev
 * overlay's {@code orders-admin} knows, since /actuator/prometheus is protected.
 */
final class ScrapeConfigChecker {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final String ANNOTATION = "__meta_kubernetes_pod_annotation_prometheus_io_";

    private ScrapeConfigChecker() {
    }

    /** @param overlays the rendered dev overlay first (its orders-admin Secret names the users), then the others */
    static List<String> check(String operationsMd, List<List<HasMetadata>> overlays) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> job = job(operationsMd);
        if (job == null) {
            problems.add("docs/OPERATIONS.md: no ```yaml block with a Prometheus scrape_configs job");
            return problems;
        }
        String where = "docs/OPERATIONS.md scrape job " + job.get("job_name");

        List<String> namespaces = new ArrayList<>();
        for (Object sd : Yamls.list(job.get("kubernetes_sd_configs"))) {
            Map<String, Object> config = Yamls.map(sd);
            if ("pod".equals(config.get("role"))) {
                Yamls.list(Yamls.map(config.get("namespaces")).get("names")).forEach(n -> namespaces.add(String.valueOf(n)));
            }
        }
        for (List<HasMetadata> overlay : overlays) {
            boolean scraped = overlay.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                    .map(d -> d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .anyMatch(a -> a != null && "true".equals(a.get("prometheus.io/scrape")));
            overlay.stream().filter(Namespace.class::isInstance).map(o -> o.getMetadata().getName())
                    .filter(ns -> scraped && !namespaces.contains(ns))
                    .forEach(ns -> problems.add(where + ": does not discover the pods of namespace " + ns));
        }

        Map<String, Object> basicAuth = Yamls.map(job.get("basic_auth"));
        Object username = basicAuth.get("username");
        if (username == null) {
            problems.add(where + ": no basic_auth username, but /actuator/prometheus needs an operator of ADMIN_USERS");
        } else if (!devUsers(overlays.get(0)).contains(String.valueOf(username))) {
            problems.add(where + ": basic_auth user " + username + " is not in the dev overlay's Secret orders-admin");
        }
        if (basicAuth.containsKey("password")) {
            problems.add(where + ": basic_auth password written into the config; use password_file (from a Secret)");
        } else if (basicAuth.get("password_file") == null) {
            problems.add(where + ": basic_auth without password_file");
        }

        List<String> sources = new ArrayList<>();
        boolean keeps = false;
        for (Object rule : Yamls.list(job.get("relabel_configs"))) {
            Map<String, Object> relabel = Yamls.map(rule);
            List<String> labels = Yamls.list(relabel.get("source_labels")).stream().map(String::valueOf).toList();
            sources.addAll(labels);
            keeps |= "keep".equals(relabel.get("action")) && labels.equals(List.of(ANNOTATION + "scrape"))
                    && "true".equals(String.valueOf(relabel.get("regex")));
        }
        if (!keeps) {
            problems.add(where + ": does not keep only the pods annotated prometheus.io/scrape: \"true\"");
        }
        for (String annotation : List.of("path", "port")) {
            if (!sources.contains(ANNOTATION + annotation)) {
                problems.add(where + ": ignores the prometheus.io/" + annotation + " annotation the pods carry");
            }
        }
        return problems;
    }

    private static Map<String, Object> job(String operationsMd) {
        Matcher m = YAML_BLOCK.matcher(operationsMd);
        while (m.find()) {
            Map<String, Object> document = Yamls.load(m.group(1));
            List<?> jobs = Yamls.list(document.get("scrape_configs"));
            if (!jobs.isEmpty()) {
                return Yamls.map(jobs.get(0));
            }
        }
        return null;
    }

    private static List<String> devUsers(List<HasMetadata> dev) {
        Optional<String> value = dev.stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .filter(s -> AdminCredential.isAdminSecret(s.getMetadata().getName()))
                .map(s -> s.getData() == null ? null : s.getData().get(AdminCredential.KEY))
                .filter(Objects::nonNull).findFirst()
                .map(v -> new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8));
        List<String> users = new ArrayList<>();
        value.ifPresent(v -> {
            for (String entry : v.split(",")) {
                int colon = entry.indexOf(':');
                if (colon > 0) {
                    users.add(entry.substring(0, colon).strip());
                }
            }
        });
        return users;
    }
}
