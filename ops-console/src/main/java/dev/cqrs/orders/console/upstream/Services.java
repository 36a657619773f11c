package dev.cqrs.orders.console.upstream;

/** The command service (relay) and the query service (read models, dead letters, rebuilds). */
public record Services(ServiceClient command, ServiceClient query) {
}
