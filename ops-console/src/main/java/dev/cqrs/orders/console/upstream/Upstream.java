package dev.cqrs.orders.console.upstream;

import tools.jackson.databind.JsonNode;

/**
 * What one call to a service gave: its HTTP status and JSON body, or why it could not be reached.
 *
 * @param reachable whether the service answered at all
 * @param status    the HTTP status it answered (0 when unreachable)
 * @param body      its JSON body (a problem document for errors), null when unreachable or empty
 * @param error     for the operator: what went wrong, null on success
 */
public record Upstream(boolean reachable, int status, JsonNode body, String error) {

    public boolean ok() {
        return reachable && status >= 200 && status < 300;
    }
}
