package dev.cqrs.orders.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Where a service documents its API with springdoc, the admin API is a group of its own ({@value #PATH}), served
 * behind the admin credential like /admin itself, so that the public description never lists operator endpoints.
 */
@AutoConfiguration
@ConditionalOnClass(GroupedOpenApi.class)
public class AdminApiDocsAutoConfiguration {

    static final String GROUP = "admin";
    static final String PATH = "/v3/api-docs/" + GROUP;
    private static final String SCHEME = "adminBasic";
    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([A-Za-z0-9._-]+)");

    @Bean
    GroupedOpenApi adminApiGroup() {
        return GroupedOpenApi.builder()
                .group(GROUP)
                .displayName("Admin API (operators)")
                .pathsToMatch("/admin/**")
                .addOpenApiCustomizer(api -> {
                    if (api.getComponents() == null) {
                        api.setComponents(new Components());
                    }
                    api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("An operator of ADMIN_USERS (name:password); 401 problem+json without it"));
                    api.addSecurityItem(new SecurityRequirement().addList(SCHEME));
                    if (api.getPaths() != null) {
                        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                                operation.getResponses().addApiResponse("401", new ApiResponse()
                                        .description("No admin credential, or a wrong one (WWW-Authenticate: Basic)")
                                        .content(new Content().addMediaType("application/problem+json",
                                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")))))));
                        api.getComponents().addSchemas("ProblemDetail", new Schema<>().types(Set.of("object"))
                                .description("RFC 9457 problem details: type, title, status, detail, instance"));
                    }
                })
                .build();
    }

    /**
     * The default description (/v3/api-docs) is the public API's: the admin endpoints, and the schemas only they use,
     * are in their group alone.
     */
    @Bean
    OpenApiCustomizer publicApiWithoutAdmin() {
        return api -> {
            if (api.getPaths() != null) {
                api.getPaths().keySet().removeIf(path -> path.startsWith("/admin/"));
            }
            if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
                Map<String, Schema> schemas = api.getComponents().getSchemas();
                Set<String> reachable = new HashSet<>();
                Deque<String> next = new ArrayDeque<>(schemaRefs(api.getPaths()));
                while (!next.isEmpty()) {
                    String name = next.pop();
                    if (reachable.add(name) && schemas.containsKey(name)) {
                        next.addAll(schemaRefs(schemas.get(name)));
                    }
                }
                schemas.keySet().retainAll(reachable);
            }
        };
    }

    private static Set<String> schemaRefs(Object part) {
        try {
            Matcher ref = SCHEMA_REF.matcher(Json.mapper().writeValueAsString(part));
            Set<String> names = new HashSet<>();
            while (ref.find()) {
                names.add(ref.group(1));
            }
            return names;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read the API description: " + e.getMessage(), e);
        }
    }
}
