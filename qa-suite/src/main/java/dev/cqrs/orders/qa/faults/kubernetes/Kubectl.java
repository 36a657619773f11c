package dev.cqrs.orders.qa.faults.kubernetes;

import java.util.List;

/** One kubectl call: its arguments after {@code kubectl}, its standard output back; a failed call throws. */
public interface Kubectl {

    String run(List<String> arguments);
}
