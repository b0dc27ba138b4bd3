package com.flashsale.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * PostgreSQL without Docker: zonky's embedded binaries (from Maven), a child process of the test JVM.
 * The shared one is started as zonky starts it by default (a free port, a fresh data directory); a
 * test's own one keeps its port and data directory across {@link #stop()} and {@link #start()}.
 */
final class EmbeddedPostgresDatabase implements RestartableDatabase {

    private final Path data;
    private final int port;
    private EmbeddedPostgres postgres;

    /** The shared database of the JVM. */
    static EmbeddedPostgresDatabase shared() {
        return new EmbeddedPostgresDatabase(null, 0);
    }

    /** A database of one test's own, which it may restart. */
    static EmbeddedPostgresDatabase own() {
        try {
            return new EmbeddedPostgresDatabase(Files.createTempDirectory("flashsale-test-pg"), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EmbeddedPostgresDatabase(Path data, int port) {
        this.data = data;
        this.port = port;
        start();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public synchronized int port() {
        return postgres != null ? postgres.getPort() : port;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public synchronized DataSource dataSource(String database) {
        return postgres.getDatabase(username(), database);
    }

    @Override
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
            }
            postgres = null;
        }
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = data == null
                    ? EmbeddedPostgres.builder().start()
                    // The same port and data directory each time: a restart, as the service sees it.
                    : EmbeddedPostgres.builder()
                            .setPort(port)
                            .setDataDirectory(data)
                            .setCleanDataDirectory(false)
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
