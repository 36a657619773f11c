package dev.cqrs.orders.console.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Calls one service's admin API with the operator's own Authorization header (so the service authenticates and
 * audits the real user). Never throws for the service's sake: a refused connection, a timeout or an error status
 * all come back as an {@link Upstream} the page can show.
 */
public class ServiceClient {

    private final String name;
    private final RestClient rest;
    private final JsonMapper json = JsonMapper.builder().build();

    public ServiceClient(String name, URI baseUrl, Duration timeout) {
        this.name = name;
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        // A hung service must not hang the page: every call ends within the timeout.
        requests.setReadTimeout(timeout);
        this.rest = RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(requests).build();
    }

    public String name() {
        return name;
    }

    public Upstream get(String authorization, String uriTemplate, Object... variables) {
        try {
            return rest.get().uri(uriTemplate, variables).accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> forward(headers, authorization))
                    .exchange((request, response) -> answered(response), true);
        } catch (RestClientException e) {
            return unreachable(e);
        }
    }

    public Upstream post(String authorization, JsonNode body, String uriTemplate, Object... variables) {
        try {
            RestClient.RequestBodySpec request = rest.post().uri(uriTemplate, variables).accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> forward(headers, authorization));
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
            }
            return request.exchange((req, response) -> answered(response), true);
        } catch (RestClientException e) {
            return unreachable(e);
        }
    }

    private static void forward(HttpHeaders headers, String authorization) {
        if (authorization != null && !authorization.isBlank()) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
    }

    private Upstream answered(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        byte[] bytes = response.getBody().readAllBytes();
        JsonNode body = null;
        if (bytes.length > 0) {
            try {
                body = json.readTree(bytes);
            } catch (JacksonException notJson) {
                body = JsonNodeFactory.instance.stringNode(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        if (status >= 200 && status < 300) {
            return new Upstream(true, status, body, null);
        }
        String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asString()
                : body != null && body.isString() ? body.asString() : "";
        return new Upstream(true, status, body, name + " answered " + status + (detail.isEmpty() ? "" : ": " + detail));
    }

    private Upstream unreachable(RestClientException e) {
        Throwable cause = e.getMostSpecificCause();
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new Upstream(false, 0, null, name + " is unreachable (" + why + ")");
    }
}
