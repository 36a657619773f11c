package dev.cqrs.orders.query.cyclefixturea;

import dev.cqrs.orders.query.cyclefixtureb.Pong;

/** Half of a package cycle that only {@code PackageCyclesSelfTest} imports; nothing else uses it. */
public class Ping {

    public Pong answer() {
        return new Pong();
    }
}
