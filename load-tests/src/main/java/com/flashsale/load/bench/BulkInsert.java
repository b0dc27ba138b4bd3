package com.flashsale.load.bench;

import com.flashsale.load.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * The raw bulk-insert rate of the same PostgreSQL server, shaped like order-processor's batches: rows
 * of 7 columns (an outcome) in batches of {@code batchSize}, each batch one transaction with one
 * INSERT ... SELECT FROM unnest(arrays), one stock UPDATE and one offsets upsert, one connection.
 */
final class BulkInsert {

    private BulkInsert() {}

    record Result(int rows, int batchSize, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    static Result run(DbSettings db, int rows, int batchSize) throws Exception {
        UUID saleId = UUID.randomUUID();
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS bench_bulk CASCADE");
                s.execute("CREATE SCHEMA bench_bulk");
                s.execute("CREATE TABLE bench_bulk.outcomes (request_id uuid PRIMARY KEY, sale_id uuid NOT NULL,"
                        + " user_id uuid NOT NULL, status varchar(16) NOT NULL, reason varchar(32),"
                        + " accepted_at timestamptz NOT NULL, decided_at timestamptz NOT NULL)");
                s.execute("CREATE TABLE bench_bulk.sales (sale_id uuid PRIMARY KEY, remaining integer NOT NULL)");
                s.execute("CREATE TABLE bench_bulk.offsets (topic text, partition integer, next_offset bigint"
                        + " NOT NULL, PRIMARY KEY (topic, partition))");
                s.execute("INSERT INTO bench_bulk.sales VALUES ('" + saleId + "', 1000)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_bulk.outcomes"
                            + " SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[],"
                            + " ?::timestamptz[], ?::timestamptz[])");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE bench_bulk.sales SET remaining = greatest(remaining - ?, 0) WHERE sale_id = ?");
                    PreparedStatement offsets = c.prepareStatement("INSERT INTO bench_bulk.offsets VALUES"
                            + " ('bench', 0, ?) ON CONFLICT (topic, partition) DO UPDATE SET next_offset ="
                            + " excluded.next_offset")) {
                long start = System.nanoTime();
                int confirmedLeft = 1000;
                for (int done = 0; done < rows; done += batchSize) {
                    int n = Math.min(batchSize, rows - done);
                    UUID[] requestIds = new UUID[n];
                    UUID[] saleIds = new UUID[n];
                    UUID[] userIds = new UUID[n];
                    String[] statuses = new String[n];
                    String[] reasons = new String[n];
                    String[] acceptedAt = new String[n];
                    String[] decidedAt = new String[n];
                    String now = Instant.now().toString();
                    int confirmed = 0;
                    for (int i = 0; i < n; i++) {
                        requestIds[i] = UUID.randomUUID();
                        saleIds[i] = saleId;
                        userIds[i] = UUID.randomUUID();
                        boolean confirm = confirmedLeft > 0;
                        if (confirm) {
                            confirmedLeft--;
                            confirmed++;
                        }
                        statuses[i] = confirm ? "CONFIRMED" : "REJECTED";
                        reasons[i] = confirm ? null : "SOLD_OUT";
                        acceptedAt[i] = now;
                        decidedAt[i] = now;
                    }
                    insert.setArray(1, c.createArrayOf("uuid", requestIds));
                    insert.setArray(2, c.createArrayOf("uuid", saleIds));
                    insert.setArray(3, c.createArrayOf("uuid", userIds));
                    insert.setArray(4, c.createArrayOf("varchar", statuses));
                    insert.setArray(5, c.createArrayOf("varchar", reasons));
                    insert.setArray(6, c.createArrayOf("text", acceptedAt));
                    insert.setArray(7, c.createArrayOf("text", decidedAt));
                    insert.executeUpdate();
                    update.setInt(1, confirmed);
                    update.setObject(2, saleId);
                    update.executeUpdate();
                    offsets.setLong(1, done + n);
                    offsets.executeUpdate();
                    c.commit();
                }
                return new Result(rows, batchSize, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
