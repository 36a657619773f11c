package dev.cqrs.orders.query.cyclefixtureb;

import dev.cqrs.orders.query.cyclefixturea.Ping;

/** The other half of the package cycle of {@code PackageCyclesSelfTest}. */
public class Pong {

    public Ping answer() {
        return new Ping();
    }
}
