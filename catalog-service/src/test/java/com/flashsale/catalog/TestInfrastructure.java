package com.flashsale.catalog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one shared test infrastructure of catalog-service: a real PostgreSQL started in-process
 * (embedded binaries) once per JVM; Kafka comes from {@code @EmbeddedKafka} on the test class.
 */
public final class TestInfrastructure {

    private static EmbeddedPostgres postgres;

    private TestInfrastructure() {}

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    public static void register(DynamicPropertyRegistry registry) {
        EmbeddedPostgres pg = postgres();
        registry.add("flashsale.db.host", () -> "127.0.0.1");
        registry.add("flashsale.db.port", pg::getPort);
        registry.add("flashsale.db.name", () -> "postgres");
        registry.add("flashsale.db.username", () -> "postgres");
        registry.add("flashsale.db.password", () -> "");
    }
}
