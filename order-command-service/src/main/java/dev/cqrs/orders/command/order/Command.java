package dev.cqrs.orders.command.order;

/** A request to change exactly one Order; {@code R} is what its handler answers: an id and a version, never domain data. */
public interface Command<R> {
}
