package dev.cqrs.orders.command.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command API's OpenAPI description (served at /v3/api-docs, committed as docs/api/command-service.json). */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("Order commands").version("1")
                        .description("Commands that change orders. Each answers with the order's new version in the ETag;"
                                + " pass it to the query service's GET /orders/{id}?minVersion= to read your own write, or"
                                + " as If-Match to a transition so that it applies only to the state you saw. Every error"
                                + " is RFC 9457 application/problem+json."))
                // Relative, so that the description is the same whatever host and port serve it.
                .servers(List.of(new Server().url("/")));
    }
}
