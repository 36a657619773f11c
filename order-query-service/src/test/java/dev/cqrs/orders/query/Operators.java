package dev.cqrs.orders.query;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The operators the tests configure (orders.admin.users) and send as HTTP Basic to /admin and /actuator. */
final class Operators {

    static final String USER = "test-operator";
    static final String PASSWORD = "test-secret";
    static final String SECOND_USER = "second-operator";
    static final String SECOND_PASSWORD = "other-secret";
    /** For {@code @SpringBootTest(properties = ...)}. */
    static final String USERS_PROPERTY = "orders.admin.users=" + USER + ":" + PASSWORD + "," + SECOND_USER + ":"
            + SECOND_PASSWORD;

    private Operators() {
    }

    /** MockMvc: the first operator's credentials on this request. */
    static RequestPostProcessor operator() {
        return httpBasic(USER, PASSWORD);
    }

    static RequestPostProcessor secondOperator() {
        return httpBasic(SECOND_USER, SECOND_PASSWORD);
    }

    /** The Authorization header value, for plain HTTP clients. */
    static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
