package com.flashsale.load.bench;

import com.flashsale.load.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The classic synchronous design on the same PostgreSQL server: {@code clients} JDBC connections,
 * each purchase one transaction of SELECT ... FOR UPDATE on the sale's stock row, UPDATE, INSERT
 * of the order, COMMIT. All clients contend for the one hot row, as a flash sale does. The stock is
 * large enough never to run out, so every transaction does all three statements.
 */
final class ClassicPurchases {

    private ClassicPurchases() {}

    record Result(int clients, long transactions, double seconds, double p50Ms, double p99Ms) {
        double perSecond() {
            return transactions / seconds;
        }
    }

    static Result run(DbSettings db, int clients, Duration warmUp, Duration measured) throws Exception {
        UUID saleId = UUID.randomUUID();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_classic CASCADE");
            s.execute("CREATE SCHEMA bench_classic");
            s.execute("CREATE TABLE bench_classic.stock (sale_id uuid PRIMARY KEY,"
                    + " remaining integer NOT NULL CHECK (remaining >= 0))");
            s.execute("CREATE TABLE bench_classic.orders (request_id uuid PRIMARY KEY, sale_id uuid NOT NULL,"
                    + " user_id uuid NOT NULL, price numeric(12,2) NOT NULL, accepted_at timestamptz NOT NULL,"
                    + " confirmed_at timestamptz NOT NULL, UNIQUE (sale_id, user_id))");
            s.execute("INSERT INTO bench_classic.stock VALUES ('" + saleId + "', 100000000)");
        }
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < clients; i++) {
            long[] own = new long[200_000];
            latencies.add(own);
            Thread t = new Thread(
                    () -> {
                        try {
                            purchaseUntil(db, saleId, windowStart, windowEnd, own);
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "classic-" + i);
            t.start();
        }
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        long total = latencies.stream().mapToLong(l -> l[0]).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        return new Result(
                clients,
                total,
                measured.toNanos() / 1e9,
                all.length == 0 ? 0 : all[all.length / 2] / 1e6,
                all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
    }

    /** One client: purchases until the window ends; own[0] counts the ones inside it, own[1..] their latencies. */
    private static void purchaseUntil(DbSettings db, UUID saleId, long windowStart, long windowEnd, long[] own)
            throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(
                            "SELECT remaining FROM bench_classic.stock WHERE sale_id = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE bench_classic.stock SET remaining = remaining - 1 WHERE sale_id = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO bench_classic.orders"
                            + " (request_id, sale_id, user_id, price, accepted_at, confirmed_at)"
                            + " VALUES (?, ?, ?, 9.99, now(), now())")) {
                lock.setObject(1, saleId);
                update.setObject(1, saleId);
                insert.setObject(2, saleId);
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= windowEnd) {
                        return;
                    }
                    int remaining;
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        remaining = rs.getInt(1);
                    }
                    if (remaining > 0) {
                        update.executeUpdate();
                        insert.setObject(1, UUID.randomUUID());
                        insert.setObject(3, UUID.randomUUID());
                        insert.executeUpdate();
                    }
                    c.commit();
                    long t1 = System.nanoTime();
                    if (t0 >= windowStart && t1 <= windowEnd && own[0] < own.length - 1) {
                        own[0]++;
                        own[(int) own[0]] = t1 - t0;
                    }
                }
            }
        }
    }
}
