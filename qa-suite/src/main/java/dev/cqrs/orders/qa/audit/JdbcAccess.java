package dev.cqrs.orders.qa.audit;

/** How the write-model audit reaches PostgreSQL; it only reads the run's own orders. Never prints the password. */
public record JdbcAccess(String url, String user, String password) {

    @Override
    public String toString() {
        return url + " as " + user;
    }
}
