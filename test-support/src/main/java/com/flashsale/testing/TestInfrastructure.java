package com.flashsale.testing;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;

/**
 * The one place that chooses what the services' integration tests run against: Docker containers of
 * the images {@code docker-compose.yml} runs ({@code postgres}, {@code apache/kafka}) when a Docker
 * engine answers, the embedded servers otherwise (zonky's PostgreSQL, spring-kafka-test's KRaft broker
 * in the JVM). Asked once per JVM; {@code -Dflashsale.test.infrastructure=embedded} (or {@code
 * containers}) overrides the probe. The shared PostgreSQL is started once per JVM on either path; a
 * Kafka broker comes per test context from {@link TestKafka}, as {@code @EmbeddedKafka}'s did.
 */
public final class TestInfrastructure {

    /** What the servers are. */
    public enum Kind {
        /** In this JVM or as a child process of it, from Maven artifacts: no Docker needed. */
        EMBEDDED,
        /** Docker containers of the images the compose file runs. */
        CONTAINERS
    }

    /** The system property that overrides the probe: {@code embedded} or {@code containers}. */
    public static final String OVERRIDE = "flashsale.test.infrastructure";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static Kind kind;
    private static TestDatabase database;

    private TestInfrastructure() {}

    /** The choice of this JVM, made on first use. */
    public static synchronized Kind kind() {
        if (kind == null) {
            long started = System.nanoTime();
            kind = choose(
                    System.getProperty(OVERRIDE),
                    () -> DockerClientFactory.instance().isDockerAvailable());
            log.info(
                    "Integration tests run on {} (chosen in {} ms; -D{}=embedded|containers overrides)",
                    kind == Kind.CONTAINERS ? "Docker containers" : "the embedded servers, no Docker engine answered",
                    (System.nanoTime() - started) / 1_000_000,
                    OVERRIDE);
        }
        return kind;
    }

    /**
     * Containers when an engine answers, else the embedded servers; {@code override} (the system
     * property's value, or null) wins without asking the engine.
     */
    static Kind choose(String override, BooleanSupplier dockerAvailable) {
        if (override != null && !override.isBlank()) {
            return switch (override.trim().toLowerCase(Locale.ROOT)) {
                case "embedded" -> Kind.EMBEDDED;
                case "containers" -> Kind.CONTAINERS;
                default ->
                    throw new IllegalArgumentException(
                            "-D" + OVERRIDE + " is embedded or containers, not '" + override + "'");
            };
        }
        return dockerAvailable.getAsBoolean() ? Kind.CONTAINERS : Kind.EMBEDDED;
    }

    /** The PostgreSQL the integration tests of this JVM share, started on first use. */
    public static TestDatabase database() {
        return database(dataSource -> {});
    }

    /** Points the service under test at the shared database ({@code flashsale.db.*}). */
    public static void register(DynamicPropertyRegistry registry) {
        database().register(registry);
    }

    /** As {@link #register(DynamicPropertyRegistry)}, preparing a freshly started database first. */
    public static void register(DynamicPropertyRegistry registry, Consumer<DataSource> onFirstStart) {
        database(onFirstStart).register(registry);
    }

    /**
     * A PostgreSQL of the caller's own, running, that it may stop and start again on the same address
     * with its data (a database outage as the service sees it), and closes when done.
     */
    public static RestartableDatabase ownDatabase() {
        return kind() == Kind.CONTAINERS ? PostgresContainerDatabase.own() : EmbeddedPostgresDatabase.own();
    }

    /** A running broker as {@code kafka} asks for, the caller's to close. */
    static TestBroker broker(TestKafka kafka, java.util.function.Function<String, String> resolver) {
        return kind() == Kind.CONTAINERS ? KafkaContainerBroker.start(kafka) : EmbeddedBroker.start(kafka, resolver);
    }

    private static synchronized TestDatabase database(Consumer<DataSource> onFirstStart) {
        if (database == null) {
            TestDatabase started =
                    kind() == Kind.CONTAINERS ? PostgresContainerDatabase.shared() : EmbeddedPostgresDatabase.shared();
            onFirstStart.accept(started.dataSource());
            database = started;
        }
        return database;
    }
}
