package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;

/**
 * Turns rendered manifests into fabric8 model objects, strictly: a field the Kubernetes API does not know (a typo, a
 * wrong indentation, a field of another version) is an error. fabric8's classes collect unknown fields in an
 * "additionalProperties" map through @JsonAnySetter; this mapper removes that any-setter, so that Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES applies at every level. The apiVersion must be the one of the model class.
 */
final class StrictKubernetes {

    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("Namespace", Namespace.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Secret", Secret.class),
            Map.entry("Service", Service.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("StatefulSet", StatefulSet.class),
            Map.entry("Job", Job.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("Role", Role.class),
            Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("PrometheusRule", PrometheusRule.class));

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .addModule(new SimpleModule("no-additional-properties").setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                        BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    private StrictKubernetes() {
    }

    static List<HasMetadata> parseAll(String yamlStream) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> document : Yamls.loadAll(yamlStream)) {
            objects.add(toObject(document));
        }
        return objects;
    }

    static HasMetadata toObject(Map<String, Object> document) {
        String kind = String.valueOf(document.get("kind"));
        String name = String.valueOf(Yamls.map(document.get("metadata")).get("name"));
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException(kind + "/" + name + ": no model class for kind " + kind
                    + " (add it to StrictKubernetes.KINDS to check it)");
        }
        String expectedApiVersion = HasMetadata.getApiVersion(type);
        if (!expectedApiVersion.equals(document.get("apiVersion"))) {
            throw new IllegalArgumentException(kind + "/" + name + ": apiVersion " + document.get("apiVersion")
                    + ", expected " + expectedApiVersion);
        }
        try {
            return MAPPER.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /** A deep copy, for tests that break one object on purpose. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T copy(T object) {
        return (T) MAPPER.convertValue(object, object.getClass());
    }
}
