package com.flashsale.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The shared test infrastructure of the services: a real PostgreSQL started in-process (embedded
 * binaries) once per test JVM, handed to the service through its {@code flashsale.db.*} settings.
 * Kafka comes from {@code @EmbeddedKafka} on each test class.
 */
public final class EmbeddedDatabase {

    private static EmbeddedPostgres postgres;

    private EmbeddedDatabase() {}

    /** The running database, started on first use. */
    public static synchronized EmbeddedPostgres postgres() {
        return start(dataSource -> {});
    }

    /** Points the service under test at the database. */
    public static void register(DynamicPropertyRegistry registry) {
        register(registry, dataSource -> {});
    }

    /** As {@link #register(DynamicPropertyRegistry)}, preparing a freshly started database first. */
    public static void register(DynamicPropertyRegistry registry, Consumer<DataSource> onFirstStart) {
        EmbeddedPostgres pg = start(onFirstStart);
        registry.add("flashsale.db.host", () -> "127.0.0.1");
        registry.add("flashsale.db.port", pg::getPort);
        registry.add("flashsale.db.name", () -> "postgres");
        registry.add("flashsale.db.username", () -> "postgres");
        registry.add("flashsale.db.password", () -> "");
    }

    private static synchronized EmbeddedPostgres start(Consumer<DataSource> onFirstStart) {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            onFirstStart.accept(postgres.getPostgresDatabase());
        }
        return postgres;
    }
}
