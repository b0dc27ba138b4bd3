package com.flashsale.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The verdict on the six invariants of DESIGN.md for one sale after a burst, read from the
 * database (the truth), given what the shoppers were answered: the request ids answered 202 and
 * those answered 503 (outcome unknown).
 */
public final class InvariantVerdict {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public InvariantVerdict(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** How many of the accepted requests have a final outcome now. */
    public long decided(UUID saleId, Collection<UUID> accepted) throws SQLException {
        try (Connection c = connect()) {
            return count(
                    c,
                    "SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = ? AND request_id = ANY(?)",
                    saleId,
                    uuids(c, accepted));
        }
    }

    /** How many units of the sale were sold. */
    public long confirmed(UUID saleId) throws SQLException {
        try (Connection c = connect()) {
            return count(c, "SELECT count(*) FROM orders.orders WHERE sale_id = ?", saleId);
        }
    }

    /** Checks every invariant; each check says what it found. */
    public List<Check> check(UUID saleId, Collection<UUID> accepted, Collection<UUID> unknown) throws SQLException {
        List<Check> checks = new ArrayList<>();
        try (Connection c = connect()) {
            long stock = count(c, "SELECT stock FROM orders.sales WHERE sale_id = ?", saleId);
            long remaining = count(c, "SELECT remaining FROM orders.sales WHERE sale_id = ?", saleId);
            long confirmed = count(c, "SELECT count(*) FROM orders.orders WHERE sale_id = ?", saleId);
            checks.add(new Check(
                    "1. confirmed <= stock, stock never negative",
                    confirmed <= stock && remaining >= 0 && confirmed + remaining == stock,
                    "stock " + stock + ", confirmed " + confirmed + ", remaining " + remaining));

            long doubles = count(
                    c,
                    "SELECT count(*) FROM (SELECT user_id FROM orders.orders WHERE sale_id = ?"
                            + " GROUP BY user_id HAVING count(*) > 1) d",
                    saleId);
            checks.add(new Check(
                    "2. at most one confirmed order per shopper",
                    doubles == 0,
                    doubles + " shoppers with more than one"));

            long outside = count(
                    c,
                    "SELECT count(*) FROM orders.orders o JOIN orders.sales s USING (sale_id)"
                            + " WHERE o.sale_id = ? AND (o.accepted_at < s.starts_at OR o.accepted_at >= s.ends_at)",
                    saleId);
            checks.add(new Check(
                    "3. no confirmed order accepted outside [start, end)",
                    outside == 0,
                    outside + " outside the window"));

            Array acceptedIds = uuids(c, accepted);
            long decided = count(
                    c,
                    "SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = ?"
                            + " AND request_id = ANY(?) AND status IN ('CONFIRMED', 'REJECTED')",
                    saleId,
                    acceptedIds);
            checks.add(new Check(
                    "4. every 202 has exactly one final outcome",
                    decided == accepted.size(),
                    decided + " of " + accepted.size() + " answered 202 are decided"));

            List<UUID> answered = new ArrayList<>(accepted);
            answered.addAll(unknown);
            long strays = count(
                    c,
                    "SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = ?"
                            + " AND NOT (request_id = ANY(?))",
                    saleId,
                    uuids(c, answered));
            checks.add(new Check(
                    "5. nothing refused (4xx) became an outcome or order",
                    strays == 0,
                    strays + " outcomes for requests not answered 202 or 503"));

            long orphanOrders = count(
                    c,
                    "SELECT count(*) FROM orders.orders o LEFT JOIN orders.purchase_outcomes p"
                            + " USING (request_id) WHERE o.sale_id = ? AND (p.status IS DISTINCT FROM 'CONFIRMED')",
                    saleId);
            long confirmedOutcomes = count(
                    c,
                    "SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = ?" + " AND status = 'CONFIRMED'",
                    saleId);
            checks.add(new Check(
                    "6. one order per confirmed outcome (replays add nothing)",
                    orphanOrders == 0 && confirmedOutcomes == confirmed,
                    confirmedOutcomes + " confirmed outcomes, " + confirmed + " orders, " + orphanOrders + " orphans"));
        }
        return checks;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** One invariant's result. */
    public record Check(String invariant, boolean holds, String detail) {

        @Override
        public String toString() {
            return (holds ? "HOLDS  " : "BROKEN ") + invariant + " (" + detail + ")";
        }
    }
}
