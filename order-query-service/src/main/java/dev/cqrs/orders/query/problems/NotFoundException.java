package dev.cqrs.orders.query.problems;

import java.util.Map;

/**
 * The thing asked for is not in the read model (or not yet): answered with 404, with any extra problem properties
 * and response headers given.
 */
public class NotFoundException extends ProblemException {

    private final Map<String, Object> properties;
    private final Map<String, String> headers;

    public NotFoundException(String title, String detail) {
        this(title, detail, Map.of(), Map.of());
    }

    public NotFoundException(String title, String detail, Map<String, Object> properties, Map<String, String> headers) {
        super(title, detail);
        this.properties = Map.copyOf(properties);
        this.headers = Map.copyOf(headers);
    }

    /** Extra members of the problem document, e.g. the version the read model has. */
    public Map<String, Object> properties() {
        return properties;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
