package dev.cqrs.orders.command.relay;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Keeps the relay's offsets (the WAL position it has published up to) in PostgreSQL, next to the data and the
 * replication slot they describe. Any replica that takes over the relay therefore resumes from the same place,
 * and a lost local disk loses nothing. Debezium instantiates this class by name (from string settings only, so it
 * cannot be handed the service's pool); it keeps one connection for its whole life instead of opening one per flush
 * (a new PostgreSQL backend every second), and opens a new one after a failure.
 */
public class JdbcOffsetBackingStore extends MemoryOffsetBackingStore {

    static final String URL = "offset.storage.jdbc.url";
    static final String USER = "offset.storage.jdbc.user";
    static final String PASSWORD = "offset.storage.jdbc.password";

    private String url;
    private String user;
    private String password;
    /** Only touched under this object's lock (start, save, and the end of stop). */
    private Connection connection;

    public JdbcOffsetBackingStore() {
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, String> originals = config.originalsStrings();
        url = originals.get(URL);
        user = originals.get(USER);
        password = originals.getOrDefault(PASSWORD, "");
        if (url == null) {
            throw new ConnectException(URL + " must be set for " + getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        try (PreparedStatement select = connection().prepareStatement("SELECT offset_key, offset_value FROM relay_offsets");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                byte[] value = rs.getBytes(2);
                data.put(ByteBuffer.wrap(rs.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
            }
        } catch (SQLException e) {
            closeConnection();
            throw new ConnectException("could not read relay offsets from relay_offsets: " + e.getMessage(), e);
        }
    }

    /** Not synchronized itself: super.stop() waits for a flush in progress, which needs the lock. */
    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            synchronized (this) {
                closeConnection();
            }
        }
    }

    @Override
    protected synchronized void save() {
        // Autocommit: each flush is one batch of upserts, durable when executeBatch returns.
        try (PreparedStatement upsert = connection().prepareStatement(
                "INSERT INTO relay_offsets (offset_key, offset_value, updated_at) VALUES (?, ?, now())"
                        + " ON CONFLICT (offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()")) {
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                upsert.setBytes(1, bytes(entry.getKey()));
                upsert.setBytes(2, entry.getValue() == null ? null : bytes(entry.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            // A broken connection is replaced at the next flush, which the engine retries; until then a restart would
            // replay a little more, never skip.
            closeConnection();
            throw new ConnectException("could not store relay offsets in relay_offsets: " + e.getMessage(), e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is being dropped anyway
            } finally {
                connection = null;
            }
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        // Only Connect's REST offset management asks for this; the embedded engine never does.
        return Set.of();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
