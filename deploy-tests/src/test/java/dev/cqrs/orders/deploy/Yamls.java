package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Plain YAML reading (SnakeYAML, safe constructor) and small helpers to walk the resulting maps and lists. */
final class Yamls {

    private Yamls() {
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String text) {
        Object doc = yaml().load(text);
        return doc == null ? new LinkedHashMap<>() : (Map<String, Object>) doc;
    }

    /** Every non-empty document of a multi-document stream, each a map. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    /** Flattens nested maps into dotted keys ({@code server.port}); lists and scalars are the values. */
    static Map<String, Object> flatten(Map<String, Object> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", map, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, into);
            } else {
                into.put(name, value);
            }
        });
    }

    /** Calls {@code action} with every scalar (as a string) anywhere under {@code node}, keys excluded. */
    static void eachScalar(Object node, Consumer<String> action) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> eachScalar(value, action));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> eachScalar(value, action));
        } else if (node != null) {
            action.accept(String.valueOf(node));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : new LinkedHashMap<>();
    }

    static List<?> list(Object node) {
        return node instanceof List<?> list ? list : List.of();
    }
}
