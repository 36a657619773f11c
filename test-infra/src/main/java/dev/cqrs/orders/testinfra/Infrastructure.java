package dev.cqrs.orders.testinfra;

/**
 * The servers an integration test needs: PostgreSQL with logical decoding, Kafka and MongoDB. Tests ask
 * {@link Infrastructures#shared()} for it and never care whether containers or the local stack serve it.
 */
public interface Infrastructure extends AutoCloseable {

    /** "containers" or "local", for the logs. */
    String kind();

    /** Creates a fresh database and answers its name; its JDBC URL is {@link #jdbcUrl(String)}. */
    String createDatabase(String prefix);

    String jdbcUrl(String database);

    String user();

    String password();

    /** Stops PostgreSQL and starts it again on the same address with the same data. */
    void restartPostgres();

    String kafkaBootstrapServers();

    String mongoConnectionString();

    @Override
    void close();
}
