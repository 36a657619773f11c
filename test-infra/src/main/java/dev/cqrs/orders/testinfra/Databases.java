package dev.cqrs.orders.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates databases on a server, one per test class, so that slots and schemas never collide. */
final class Databases {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Databases() {
    }

    static String create(String adminUrl, String user, String password, String prefix) {
        String name = (prefix + "_" + COUNTER.incrementAndGet()).toLowerCase();
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }
}
