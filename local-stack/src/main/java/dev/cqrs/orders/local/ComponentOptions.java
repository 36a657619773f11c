package dev.cqrs.orders.local;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extra JVM options and environment variables per component, on top of what {@link Launches} gives every process:
 * the JVM options come after the defaults (for {@code -XX} flags the last one wins), the variables after the
 * component's own (so they can override them too). From the builder, or from {@code <COMPONENT>_JVM_OPTIONS}
 * (e.g. {@code QUERY_JVM_OPTIONS="-XX:TieredStopAtLevel=4"}; whitespace separates options).
 */
record ComponentOptions(Map<Component, List<String>> jvmOptions, Map<Component, Map<String, String>> env) {

    static final ComponentOptions NONE = new ComponentOptions(Map.of(), Map.of());

    ComponentOptions {
        Map<Component, List<String>> jvm = new EnumMap<>(Component.class);
        jvmOptions.forEach((component, options) -> jvm.put(component, List.copyOf(options)));
        Map<Component, Map<String, String>> variables = new EnumMap<>(Component.class);
        env.forEach((component, values) -> variables.put(component, Map.copyOf(values)));
        jvmOptions = Map.copyOf(jvm);
        env = Map.copyOf(variables);
    }

    /** The {@code <COMPONENT>_JVM_OPTIONS} variables that are set, e.g. {@code COMMAND_JVM_OPTIONS}. */
    static ComponentOptions fromEnv(Env environment) {
        Map<Component, List<String>> jvm = new EnumMap<>(Component.class);
        for (Component component : Component.values()) {
            String options = environment.get(variable(component), "");
            if (!options.isBlank()) {
                jvm.put(component, List.of(options.trim().split("\\s+")));
            }
        }
        return new ComponentOptions(jvm, Map.of());
    }

    static String variable(Component component) {
        return component.name() + "_JVM_OPTIONS";
    }

    List<String> jvmOptions(Component component) {
        return jvmOptions.getOrDefault(component, List.of());
    }

    Map<String, String> env(Component component) {
        return env.getOrDefault(component, Map.of());
    }

    ComponentOptions withJvmOptions(Component component, List<String> options) {
        Map<Component, List<String>> jvm = new EnumMap<>(Component.class);
        jvm.putAll(jvmOptions);
        jvm.put(component, options);
        return new ComponentOptions(jvm, env);
    }

    ComponentOptions withEnv(Component component, String name, String value) {
        Map<Component, Map<String, String>> variables = new EnumMap<>(Component.class);
        variables.putAll(env);
        Map<String, String> values = new LinkedHashMap<>(env(component));
        values.put(name, value);
        variables.put(component, values);
        return new ComponentOptions(jvmOptions, variables);
    }
}
