package dev.cqrs.orders.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;

/**
 * The command service's create transaction, straight over JDBC: exactly the statements JdbcOrders and OutboxWriter
 * send (INSERT orders; INSERT order_items as one batch; INSERT outbox as a batch; DELETE outbox as a batch; COMMIT),
 * with the same values, the same event JSON (EventCodec) and a traceparent like the service's. No pool, no Spring,
 * no HTTP: one connection per client with its statements prepared once. This is the P1 baseline and P3's backlog.
 */
final class OrderSql implements AutoCloseable {

    static final String INSERT_ORDER = "INSERT INTO orders (id, customer_id, currency, discount_cents, status, version,"
            + " cancellation_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ITEM = "INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents)"
            + " VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_OUTBOX = "INSERT INTO outbox (id, aggregatetype, aggregateid, type, timestamp, payload,"
            + " aggregate_version, schema_version, traceparent) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";
    static final String DELETE_OUTBOX = "DELETE FROM outbox WHERE id = ?";

    private static final EventCodec CODEC = new EventCodec();

    private final Connection connection;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertItem;
    private final PreparedStatement insertOutbox;
    private final PreparedStatement deleteOutbox;

    OrderSql(String jdbcUrl, String user) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, "");
        connection.setAutoCommit(false);
        insertOrder = connection.prepareStatement(INSERT_ORDER);
        insertItem = connection.prepareStatement(INSERT_ITEM);
        insertOutbox = connection.prepareStatement(INSERT_OUTBOX);
        deleteOutbox = connection.prepareStatement(DELETE_OUTBOX);
    }

    /** One order in one transaction; answers its id. */
    UUID create(SampleOrder order) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        try {
            insertOrder.setObject(1, id);
            insertOrder.setString(2, order.customerId());
            insertOrder.setString(3, order.currency());
            insertOrder.setLong(4, 0);
            insertOrder.setString(5, "CREATED");
            insertOrder.setLong(6, 1);
            insertOrder.setString(7, null);
            insertOrder.setTimestamp(8, at);
            insertOrder.setTimestamp(9, at);
            insertOrder.executeUpdate();

            List<LineItem> items = order.items();
            for (int i = 0; i < items.size(); i++) {
                LineItem item = items.get(i);
                insertItem.setObject(1, id);
                insertItem.setInt(2, i + 1);
                insertItem.setString(3, item.sku());
                insertItem.setInt(4, item.quantity());
                insertItem.setLong(5, item.unitPriceCents());
                insertItem.addBatch();
            }
            insertItem.executeBatch();

            EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), 1, now,
                    new OrderCreated(id, order.customerId(), order.currency(), items, 0));
            insertOutbox.setObject(1, envelope.eventId());
            insertOutbox.setString(2, "Order");
            insertOutbox.setString(3, id.toString());
            insertOutbox.setString(4, envelope.eventType());
            insertOutbox.setTimestamp(5, at);
            insertOutbox.setString(6, CODEC.encode(envelope));
            insertOutbox.setLong(7, 1);
            insertOutbox.setInt(8, envelope.schemaVersion());
            insertOutbox.setString(9, traceparent());
            insertOutbox.addBatch();
            insertOutbox.executeBatch();

            deleteOutbox.setObject(1, envelope.eventId());
            deleteOutbox.addBatch();
            deleteOutbox.executeBatch();
            connection.commit();
            return id;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static String traceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
