package dev.cqrs.orders.apiauth;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The public description names its security: a JWT bearer scheme, the scope each operation needs, and the 401 and
 * 403 problems, so that a client team generates code that sends tokens.
 */
@AutoConfiguration
@ConditionalOnClass(GroupedOpenApi.class)
@ConditionalOnBooleanProperty(name = "orders.api.auth.enabled")
public class ApiSecurityDocsAutoConfiguration {

    static final String SCHEME = "bearer";
    private static final String PROBLEM_REF = "#/components/schemas/ProblemDetail";

    @Bean
    OpenApiCustomizer publicApiSecurity() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An OAuth2 access token (RS256 JWT) from your issuer, audience orders-api. Scopes: "
                            + ApiScopes.READ + " to query, " + ApiScopes.WRITE + " to command, " + ApiScopes.STAFF
                            + " for every customer's orders; a customer token (subject = customer id) sees only its"
                            + " own. Locally: ./run token customer <id> or ./run token staff."));
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith("/admin/")) {
                    return;
                }
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    boolean read = entry.getKey() == PathItem.HttpMethod.GET || entry.getKey() == PathItem.HttpMethod.HEAD;
                    secure(entry.getValue(), read ? ApiScopes.READ : ApiScopes.WRITE);
                }
            });
        };
    }

    private static void secure(Operation operation, String scope) {
        operation.addSecurityItem(new SecurityRequirement().addList(SCHEME, List.of(scope)));
        operation.getResponses().addApiResponse("401", problem("No bearer token, or one that is expired, badly signed"
                + " or for another audience", "Bearer, with error=\"invalid_token\" when a token was sent"));
        operation.getResponses().addApiResponse("403", problem("The token lacks the scope " + scope + ", or a customer"
                + " token names another customer in the body or query", "Bearer error=\"insufficient_scope\" when the"
                + " scope is missing"));
    }

    private static ApiResponse problem(String description, String challenge) {
        return new ApiResponse().description(description)
                .addHeaderObject("WWW-Authenticate", new Header().description(challenge).schema(new StringSchema()))
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
    }
}
