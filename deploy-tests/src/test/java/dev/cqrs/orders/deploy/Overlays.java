package dev.cqrs.orders.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The overlays rendered by kubectl kustomize and read strictly into fabric8 objects (once per JVM). */
final class Overlays {

    private Overlays() {
    }

    static List<HasMetadata> dev() {
        return render("k8s/overlays/dev");
    }

    static List<HasMetadata> prod() {
        return render("k8s/overlays/prod");
    }

    /** The QA suite's Job and what it runs with, for the dev overlay's namespace. */
    static List<HasMetadata> qaSuite() {
        return render("k8s/qa-suite/dev");
    }

    static List<HasMetadata> render(String overlay) {
        return StrictKubernetes.parseAll(Kubectl.kustomize(RepoFiles.path(overlay)));
    }

    /** The image of every Deployment and StatefulSet container, by container name. */
    static Map<String, String> images(List<HasMetadata> objects) {
        Map<String, String> images = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            List<Container> containers = object instanceof Deployment d ? d.getSpec().getTemplate().getSpec().getContainers()
                    : object instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec().getContainers() : List.of();
            containers.forEach(c -> images.put(c.getName(), c.getImage()));
        }
        return images;
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** A generated object (ConfigMap, Secret) by the name before kustomize's hash suffix. */
    static <T extends HasMetadata> T generated(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().matches(java.util.regex.Pattern.quote(name) + "(-[a-z0-9]{10})?"))
                .findFirst().orElseThrow(() -> new AssertionError("no generated " + type.getSimpleName() + " " + name));
    }
}
