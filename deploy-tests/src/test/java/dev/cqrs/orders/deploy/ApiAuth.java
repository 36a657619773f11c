package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;

/**
 * What the deployments must agree on about the order APIs' bearer tokens (issue 17): both services check them
 * (API_AUTH_ENABLED=true, said explicitly), against an issuer's JWK set or issuer URI that comes from configuration
 * without a default: in compose a required variable ({@code ${ORDERS_JWK_SET_URI:?...}}), in Kubernetes the ConfigMap
 * orders-auth by a non-optional configMapKeyRef, which the prod overlay must not contain. A deployment that forgets it
 * must fail to start, not run with an open API or someone's example issuer.
 */
final class ApiAuth {

    static final String ENABLED = "API_AUTH_ENABLED";
    static final String SPRING_JWT = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_";
    static final String JWK_SET_URI = SPRING_JWT + "JWK_SET_URI";
    static final String ISSUER_URI = SPRING_JWT + "ISSUER_URI";
    /** Where the services may learn the keys that sign tokens, in a deployment (a public key file is for ./run local). */
    static final List<String> ISSUER_SETTINGS = List.of(JWK_SET_URI, ISSUER_URI);
    static final String CONFIG_MAP = "orders-auth";
    /** Spring Boot binds these to spring.security.oauth2.resourceserver.jwt.* itself, with no placeholder anywhere. */
    private static final Set<String> SPRING_JWT_PROPERTIES = Set.of("JWK_SET_URI", "ISSUER_URI", "PUBLIC_KEY_LOCATION",
            "AUDIENCES", "JWS_ALGORITHMS");
    /** {@code ${NAME:?message}} or {@code ${NAME?message}}: compose stops when NAME is unset (or, with the colon, empty). */
    private static final Pattern REQUIRED_SUBSTITUTION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?\\?[^}]*}");
    private static final Pattern HTTPS_PORT = Pattern.compile("https://[^/:?#]+(?::(\\d+))?(?:[/?#].*)?");

    private ApiAuth() {
    }

    /** The modules that are OAuth2 resource servers: the two services (the console only calls their admin APIs). */
    static boolean checksTokens(ServiceModule module) {
        return ServiceModule.SERVICES.contains(module.name());
    }

    static boolean springBinds(ServiceModule module, String variable) {
        return checksTokens(module) && variable.startsWith(SPRING_JWT)
                && SPRING_JWT_PROPERTIES.contains(variable.substring(SPRING_JWT.length()));
    }

    static boolean isAuthConfigMap(String name) {
        return name != null && name.matches(Pattern.quote(CONFIG_MAP) + "(-[a-z0-9]{10})?");
    }

    static List<String> composeProblems(String where, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        if (!"true".equals(env.get(ENABLED))) {
            problems.add(where + ": " + ENABLED + " is " + (env.containsKey(ENABLED) ? env.get(ENABLED) : "not set")
                    + "; set it to \"true\" (an open order API is for ./run local on a trusted network only)");
        }
        List<String> set = ISSUER_SETTINGS.stream().filter(env::containsKey).toList();
        if (set.isEmpty()) {
            problems.add(where + ": neither " + JWK_SET_URI + " nor " + ISSUER_URI + " is set, so no token can be checked");
        }
        for (String variable : set) {
            String value = env.get(variable) == null ? "" : env.get(variable).strip();
            if (!REQUIRED_SUBSTITUTION.matcher(value).matches()) {
                problems.add(where + ": " + variable + " is " + value + "; take it from .env with no default, e.g. "
                        + "${ORDERS_JWK_SET_URI:?set ORDERS_JWK_SET_URI in .env}, so compose refuses to start without it");
            }
        }
        return problems;
    }

    /**
     * @param env           the container's variables with the values this overlay knows
     * @param selfContained false for prod: there the ConfigMap must come from outside, so no default exists
     * @param overlayHasMap whether the rendered overlay itself contains the ConfigMap orders-auth
     */
    static List<String> kubernetesProblems(String where, Container container, Map<String, Optional<String>> env,
            boolean selfContained, boolean overlayHasMap) {
        List<String> problems = new ArrayList<>();
        Optional<String> enabled = env.get(ENABLED);
        if (enabled == null || enabled.isEmpty() || !"true".equals(enabled.get())) {
            problems.add(where + ": " + ENABLED + " is " + (enabled == null ? "not set" : enabled.orElse("not known here"))
                    + "; the order API must check bearer tokens: set it to the literal \"true\"");
        }
        List<String> set = ISSUER_SETTINGS.stream().filter(env::containsKey).toList();
        if (set.isEmpty()) {
            problems.add(where + ": neither " + JWK_SET_URI + " nor " + ISSUER_URI + " is set, so no token can be checked");
        }
        for (String variable : set) {
            EnvVar entry = container.getEnv().stream().filter(e -> variable.equals(e.getName())).findFirst().orElse(null);
            ConfigMapKeySelector ref = entry == null || entry.getValueFrom() == null ? null
                    : entry.getValueFrom().getConfigMapKeyRef();
            if (ref == null || !isAuthConfigMap(ref.getName())) {
                problems.add(where + ": " + variable + " does not come from ConfigMap " + CONFIG_MAP + " (configMapKeyRef);"
                        + " the issuer is configuration of the installation, not of the manifest");
            } else if (Boolean.TRUE.equals(ref.getOptional())) {
                problems.add(where + ": the ConfigMap reference for " + variable + " is optional: without " + CONFIG_MAP
                        + " the pod would start unable to check any token, instead of failing visibly");
            }
        }
        if (!selfContained && overlayHasMap) {
            problems.add(where + ": this overlay carries ConfigMap " + CONFIG_MAP + ", a default issuer; prod must take"
                    + " the operator's own (created outside git), and not start without it");
        }
        return problems;
    }

    /** The port the services fetch the JWK set on: from its https URL when known here, else 443. */
    static int jwkSetPort(Map<String, Optional<String>> env) {
        Optional<String> value = env.getOrDefault(JWK_SET_URI, Optional.empty());
        Matcher m = HTTPS_PORT.matcher(value.orElse("https://issuer"));
        return m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 443;
    }
}
