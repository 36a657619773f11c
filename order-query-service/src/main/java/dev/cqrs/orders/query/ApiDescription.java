package dev.cqrs.orders.query;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query API's OpenAPI description (served at /v3/api-docs, committed as docs/api/query-service.json). */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI()
                .info(new Info().title("Order queries").version("1")
                        .description("Read models built from the order events: one order, a customer's orders page by page, and a"
                                + " customer's summary. They are eventually consistent; GET /orders/{id}?minVersion=&waitMs="
                                + " waits for a version the command side answered (read-your-writes). Every error is RFC"
                                + " 9457 application/problem+json."))
                // Relative, so that the description is the same whatever host and port serve it.
                .servers(List.of(new Server().url("/")));
    }
}
