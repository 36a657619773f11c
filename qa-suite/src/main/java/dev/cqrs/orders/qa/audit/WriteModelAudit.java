package dev.cqrs.orders.qa.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;

/**
 * The command side's own record of the run's orders, read from PostgreSQL with one SELECT (part of the verdict, and
 * the evidence when an order is lost or stuck: did the command side commit what it acknowledged?).
 */
public final class WriteModelAudit {

    public record Row(String status, long version) {
    }

    /**
     * @param rows          order id to status/version in the write model
     * @param disagreements ledger orders whose committed state the ledger does not allow
     * @param unknown       orders of the run's customers that the ledger never got an id for
     */
    public record Result(Map<String, Row> rows, List<String> disagreements, List<String> unknown, String error) {
    }

    private WriteModelAudit() {
    }

    public static Result read(JdbcAccess database, List<String> customers, Map<String, OrderRecord> ledgerById) {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id::text, status, version FROM orders WHERE customer_id = ANY(?)")) {
            Array array = connection.createArrayOf("varchar", customers.toArray());
            query.setArray(1, array);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Row(rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            return new Result(Map.of(), List.of(), List.of(), e.toString());
        }
        List<String> disagreements = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Set<String> known = new HashSet<>(ledgerById.keySet());
        rows.forEach((id, row) -> {
            OrderRecord order = ledgerById.get(id);
            if (order == null) {
                unknown.add(id + " (" + row.status() + " v" + row.version() + ")");
            } else if (!order.acceptsFinal(row.version(), OrderStatus.valueOf(row.status()))) {
                disagreements.add(id + ": write model has v" + row.version() + " " + row.status() + ", ledger expects v"
                        + order.finalVersion() + " " + order.finalStatuses());
            }
            known.remove(id);
        });
        known.forEach(id -> disagreements.add(id + ": acknowledged, but not in the write model"));
        return new Result(rows, disagreements, unknown, null);
    }
}
