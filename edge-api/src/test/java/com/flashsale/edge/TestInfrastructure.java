package com.flashsale.edge;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one shared test infrastructure of edge-api: a real PostgreSQL started in-process
 * (embedded binaries) once per JVM; Kafka comes from {@code @EmbeddedKafka} on the test class.
 */
public final class TestInfrastructure {

    private static EmbeddedPostgres postgres;

    private TestInfrastructure() {}

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
                // The edge owns no schema: it reads order-processor's, migrated by that service's own scripts.
                org.flywaydb.core.Flyway.configure()
                        .dataSource(postgres.getPostgresDatabase())
                        .schemas("orders")
                        .defaultSchema("orders")
                        .locations("filesystem:../order-processor/src/main/resources/db/migration/orders")
                        .load()
                        .migrate();
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
