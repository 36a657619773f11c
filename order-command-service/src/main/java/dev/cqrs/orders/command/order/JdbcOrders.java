package dev.cqrs.orders.command.order;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cqrs.orders.command.outbox.OutboxWriter;
import dev.cqrs.orders.events.EventEnvelope;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/** Orders on PostgreSQL; each save writes the order row, its items and its outbox rows with the same JDBC connection. */
final class JdbcOrders implements Orders {

    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final Instant now;

    JdbcOrders(JdbcTemplate jdbc, OutboxWriter outbox, Instant now) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.now = now;
    }

    @Override
    public Optional<Order> find(UUID orderId) {
        List<OrderLine> lines = jdbc.query(
                "SELECT sku, quantity, unit_price_cents FROM order_items WHERE order_id = ? ORDER BY line_no",
                (rs, i) -> new OrderLine(rs.getString(1), rs.getInt(2), rs.getLong(3)), orderId);
        return jdbc.query(
                "SELECT customer_id, currency, discount_cents, status, version, cancellation_reason FROM orders WHERE id = ?",
                (rs, i) -> Order.restore(orderId, rs.getString(1), rs.getString(2), rs.getLong(3),
                        OrderStatus.valueOf(rs.getString(4)), rs.getLong(5), rs.getString(6), lines), orderId)
                .stream().findFirst();
    }

    @Override
    public void add(Order order) {
        jdbc.update("INSERT INTO orders (id, customer_id, currency, discount_cents, status, version, cancellation_reason,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                order.id(), order.customerId(), order.currency(), order.discountCents(), order.status().name(), order.version(),
                order.cancellationReason(), Timestamp.from(now), Timestamp.from(now));
        List<OrderLine> lines = order.lines();
        jdbc.batchUpdate("INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        OrderLine line = lines.get(i);
                        ps.setObject(1, order.id());
                        ps.setInt(2, i + 1);
                        ps.setString(3, line.sku());
                        ps.setInt(4, line.quantity());
                        ps.setLong(5, line.unitPriceCents());
                    }

                    @Override
                    public int getBatchSize() {
                        return lines.size();
                    }
                });
        appendEvents(order);
    }

    @Override
    public void update(Order order) {
        int updated = jdbc.update("UPDATE orders SET status = ?, version = ?, cancellation_reason = ?, updated_at = ?"
                        + " WHERE id = ? AND version = ?",
                order.status().name(), order.version(), order.cancellationReason(), Timestamp.from(now),
                order.id(), order.loadedVersion());
        if (updated != 1) {
            throw new ConcurrencyConflictException(order.id(), order.loadedVersion());
        }
        appendEvents(order);
    }

    private void appendEvents(Order order) {
        outbox.append(order.pendingEvents().stream()
                .map(pending -> EventEnvelope.of(UUID.randomUUID(), pending.version(), now, pending.event()))
                .toList());
    }

    @Override
    public Optional<UUID> claimIdempotencyKey(String key, String fingerprint, UUID orderId) {
        int claimed = jdbc.update("INSERT INTO idempotency_keys (idempotency_key, request_fingerprint, order_id, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING", key, fingerprint, orderId, Timestamp.from(now));
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.query("SELECT request_fingerprint, order_id FROM idempotency_keys WHERE idempotency_key = ?", rs -> {
            rs.next();
            if (!fingerprint.equals(rs.getString(1))) {
                throw new IdempotencyKeyReusedException(key);
            }
            return Optional.of(rs.getObject(2, UUID.class));
        }, key);
    }
}
