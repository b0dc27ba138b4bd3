package com.flashsale.load.bench;

import com.flashsale.load.DbSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops and creates the benchmark's database on the machine's PostgreSQL server, so that every run
 * starts empty: {@code java ... BenchDatabase jdbc:postgresql://127.0.0.1:5432/flashsale_bench}.
 */
public final class BenchDatabase {

    private BenchDatabase() {}

    public static void main(String[] args) throws SQLException {
        DbSettings db = args.length > 0 ? DbSettings.parse(args[0]) : DbSettings.fromEnvironment();
        String name = db.jdbcUrl().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        if (!name.matches("[a-z_][a-z0-9_]*") || name.equals("postgres") || name.equals("flashsale")) {
            throw new IllegalArgumentException("refusing to recreate database '" + name + "'");
        }
        try (Connection c = db.withDatabase("postgres").connect();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
            String settings = "";
            try (var rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                    + " current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
                rs.next();
                settings = "PostgreSQL " + rs.getString(1) + ", fsync " + rs.getString(2) + ", synchronous_commit "
                        + rs.getString(3) + ", shared_buffers " + rs.getString(4);
            }
            System.out.println("database " + name + " recreated (" + settings + ")");
        }
    }
}
