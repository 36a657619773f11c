package dev.cqrs.orders.console.overview;

import dev.cqrs.orders.console.upstream.Upstream;
import tools.jackson.databind.JsonNode;

/**
 * One panel of the page: the service's answer, or the error that says why it is missing (the other panels still
 * show).
 */
record Panel(boolean ok, int status, JsonNode data, String error) {

    static Panel of(Upstream upstream) {
        return new Panel(upstream.ok(), upstream.status(), upstream.ok() ? upstream.body() : null, upstream.error());
    }
}
