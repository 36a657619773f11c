package dev.cqrs.orders.local.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query service's /admin API as an operator calls it: HTTP Basic with the operator's credential, JSON answers. */
public final class AdminClient {

    /** A call that got no answer, or one outside 2xx; the message says what an operator does about it. */
    static final class CallFailed extends RuntimeException {
        CallFailed(String message) {
            super(message);
        }
    }

    /** The status and the body as they came. */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String queryUrl;
    private final String authorization;

    /** {@code adminAuth} is {@code user:password}, sent as HTTP Basic and never put on a command line. */
    public AdminClient(String queryUrl, String adminAuth) {
        this.queryUrl = queryUrl.endsWith("/") ? queryUrl.substring(0, queryUrl.length() - 1) : queryUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(adminAuth.getBytes(StandardCharsets.UTF_8));
    }

    /** Any answer the service gives; fails only when it gives none. */
    Answer send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new CallFailed("cannot reach the query service at " + queryUrl + " (QUERY_URL): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted while calling " + method + " " + path);
        }
    }

    /** The 2xx answer's JSON (a missing node for an empty body); any other answer fails, naming the call. */
    JsonNode call(String method, String path) {
        Answer answer = send(method, path);
        if (!answer.ok()) {
            throw failed(method, path, answer);
        }
        return answer.body().isBlank() ? JSON.missingNode() : JSON.readTree(answer.body());
    }

    /** What went wrong, with the service's problem document and, for 401, which credential was refused. */
    static CallFailed failed(String method, String path, Answer answer) {
        String why = answer.status() == 401
                ? ": the credential (ADMIN_AUTH, $DATA_DIR/admin-auth or ADMIN_USERS) is not an operator of this query service"
                : "";
        return new CallFailed(method + " " + path + " answered " + answer.status() + why
                + (answer.body().isBlank() ? "" : System.lineSeparator() + answer.body()));
    }
}
