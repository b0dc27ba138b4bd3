package com.flashsale.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * When a burst's outcomes were decided, read from the database (decided_at and confirmed_at are
 * stamped by order-processor, on this machine's clock).
 *
 * @param outcomes final outcomes of the sale
 * @param confirmed orders of the sale
 * @param firstDecided the first batch's decision time
 * @param lastDecided the last final outcome's decision time
 * @param nthConfirmed the confirmation time of the n-th unit sold (null if fewer were sold)
 * @param nthAccepted when the edge accepted the n-th request that reached the queue (null if fewer did): with
 *     {@code nthConfirmed}, it splits the time to sell the stock into the edge's intake and the processor's apply
 */
public record BurstTimeline(
        long outcomes,
        long confirmed,
        Instant firstDecided,
        Instant lastDecided,
        Instant nthConfirmed,
        Instant nthAccepted) {

    public static BurstTimeline read(DbSettings db, UUID saleId, int nth) throws SQLException {
        try (Connection c = db.connect()) {
            long outcomes = 0;
            Instant first = null;
            Instant last = null;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), min(decided_at), max(decided_at)"
                    + " FROM orders.purchase_outcomes WHERE sale_id = ?")) {
                s.setObject(1, saleId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    outcomes = rs.getLong(1);
                    first = instant(rs.getTimestamp(2));
                    last = instant(rs.getTimestamp(3));
                }
            }
            long confirmed;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM orders.orders WHERE sale_id = ?")) {
                s.setObject(1, saleId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    confirmed = rs.getLong(1);
                }
            }
            Instant nthConfirmed = null;
            Instant nthAccepted = null;
            if (nth >= 1) {
                try (PreparedStatement s = c.prepareStatement("SELECT accepted_at FROM orders.purchase_outcomes"
                        + " WHERE sale_id = ? ORDER BY accepted_at OFFSET ? LIMIT 1")) {
                    s.setObject(1, saleId);
                    s.setInt(2, nth - 1);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            nthAccepted = instant(rs.getTimestamp(1));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("SELECT confirmed_at FROM orders.orders"
                        + " WHERE sale_id = ? ORDER BY confirmed_at OFFSET ? LIMIT 1")) {
                    s.setObject(1, saleId);
                    s.setInt(2, nth - 1);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            nthConfirmed = instant(rs.getTimestamp(1));
                        }
                    }
                }
            }
            return new BurstTimeline(outcomes, confirmed, first, last, nthConfirmed, nthAccepted);
        }
    }

    /** Seconds from {@code start} to {@code at}, or NaN when {@code at} is unknown. */
    public static double secondsBetween(Instant start, Instant at) {
        return start == null || at == null
                ? Double.NaN
                : Duration.between(start, at).toMillis() / 1000.0;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
