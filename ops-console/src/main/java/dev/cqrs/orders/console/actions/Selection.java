package dev.cqrs.orders.console.actions;

import java.util.List;

/** Body of the bulk actions: the dead letters the operator ticked. */
record Selection(List<String> ids) {
}
