package dev.cqrs.orders.command.support;

import dev.cqrs.orders.testinfra.Infrastructure;
import dev.cqrs.orders.testinfra.Infrastructures;

/**
 * The servers of this test JVM (containers where Docker runs, the local stack otherwise). Each test class gets
 * its own database, replication slot and topic, so relays of different classes never share a slot.
 */
public final class TestInfra {

    private TestInfra() {
    }

    private static Infrastructure infra() {
        return Infrastructures.shared();
    }

    /** A fresh database; its name doubles as the slot and topic name of the test. */
    public static String newDatabase(String prefix) {
        return infra().createDatabase(prefix);
    }

    public static String jdbcUrl(String database) {
        return infra().jdbcUrl(database);
    }

    public static String user() {
        return infra().user();
    }

    public static String password() {
        return infra().password();
    }

    public static String kafkaBootstrapServers() {
        return infra().kafkaBootstrapServers();
    }

    /** Stops PostgreSQL cleanly and starts it again on the same address and data: a database restart. */
    public static void restartPostgres() {
        infra().restartPostgres();
    }
}
