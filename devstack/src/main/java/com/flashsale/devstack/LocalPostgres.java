package com.flashsale.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL from Maven artifacts with a persistent data directory until the process
 * gets SIGTERM, then stops it cleanly. Used by {@code ./flashsale up} when no external database is
 * configured.
 *
 * <p>Usage: {@code LocalPostgres [dataDir] [port]}, or the environment variables
 * {@code FLASHSALE_PG_DATA} and {@code FLASHSALE_PG_PORT}.
 */
public final class LocalPostgres {

    static final String DATABASE = "flashsale";
    static final String USER = "postgres";

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(argOrEnv(args, 0, "FLASHSALE_PG_DATA", null)).toAbsolutePath();
        int port = Integer.parseInt(argOrEnv(args, 1, "FLASHSALE_PG_PORT", "15432"));

        EmbeddedPostgres postgres;
        try {
            postgres = start(dataDir, port);
            createDatabaseIfMissing(postgres);
        } catch (IOException | RuntimeException | SQLException e) {
            System.err.println("flashsale-postgres: could not start PostgreSQL on port " + port + " with data in "
                    + dataDir + ": " + rootMessage(e));
            System.exit(1);
            return;
        }

        // SIGTERM runs the shutdown hooks: zonky's own and ours both stop the postmaster (fast mode, once).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "flashsale-postgres-stop"));
        System.out.println("flashsale-postgres ready: jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + " user "
                + USER + ", data in " + dataDir);
        System.out.flush();
        // Unpacking the binaries filled the heap with the archive; give that memory back while we only wait.
        System.gc();
        // The postmaster runs as its own process; this JVM only holds it until SIGTERM.
        new CountDownLatch(1).await();
    }

    static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // Keep the data: zonky runs initdb only when the directory has no postgresql.conf yet.
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky turns synchronous_commit off; a kill -9 of the postmaster could then lose commits that
                // the services already acknowledged, which the fault tests would report as lost orders.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                // The postmaster outlives a killed holder JVM: let it write straight to our log, not into a pipe.
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
            System.out.println("flashsale-postgres: created database " + DATABASE);
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("flashsale-postgres: stop failed: " + rootMessage(e));
        }
    }

    private static String argOrEnv(String[] args, int index, String env, String fallback) {
        if (args.length > index && !args[index].isBlank()) {
            return args[index];
        }
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (fallback == null) {
            System.err.println("usage: LocalPostgres <dataDir> [port]  (or FLASHSALE_PG_DATA, FLASHSALE_PG_PORT)");
            System.exit(2);
        }
        return fallback;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    private LocalPostgres() {}
}
