package com.flashsale.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.auth.KeyRing;
import com.flashsale.catalog.security.MissingSigningKey;
import com.flashsale.testing.TestDatabase;
import com.flashsale.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Outside the local profile nothing is generated or seeded: without a configured key, no start. */
class ProfilesIT {

    @Test
    void refusesToStartWithoutKeysOutsideTheLocalProfileAndSaysWhatToDo(@TempDir Path noKeys) throws Exception {
        TestDatabase postgres = TestInfrastructure.database();

        assertThatThrownBy(() -> new SpringApplicationBuilder(CatalogApplication.class)
                        .web(WebApplicationType.NONE)
                        .run(
                                "--spring.main.banner-mode=off",
                                "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                                "--flashsale.db.host=" + postgres.host(),
                                "--flashsale.db.port=" + postgres.port(),
                                "--flashsale.db.name=" + TestDatabase.DATABASE,
                                "--flashsale.db.username=" + postgres.username(),
                                "--flashsale.db.password=" + postgres.password(),
                                "--flashsale.jwt.key-dir=" + noKeys)
                        .close())
                .hasRootCauseInstanceOf(MissingSigningKey.class)
                .rootCause()
                .hasMessageContaining("No JWT signing key")
                .hasMessageContaining(noKeys.toString());
        try (var files = Files.list(noKeys)) {
            assertThat(files).as("no key was generated").isEmpty();
        }
        MissingSigningKey cause = new MissingSigningKey(noKeys);
        FailureAnalysis analysis = new MissingSigningKey.Analyzer().analyze(cause);
        assertThat(analysis.getDescription()).contains("only in the local profile");
        assertThat(analysis.getAction()).contains("openssl genpkey", "FLASHSALE_JWT_KEY_DIR");
    }

    @Test
    void seedsNoAccountsOutsideTheLocalProfile(@TempDir Path keys) throws Exception {
        KeyRing.rotate(keys, Instant.now());
        TestDatabase postgres = TestInfrastructure.database();
        String database =
                "profiles_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = postgres.connection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }

        try (var context = new SpringApplicationBuilder(CatalogApplication.class)
                .web(WebApplicationType.REACTIVE)
                .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "--flashsale.db.host=" + postgres.host(),
                        "--flashsale.db.port=" + postgres.port(),
                        "--flashsale.db.name=" + database,
                        "--flashsale.db.username=" + postgres.username(),
                        "--flashsale.db.password=" + postgres.password(),
                        "--flashsale.jwt.key-dir=" + keys)) {
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
        }

        try (Connection db = postgres.dataSource(database).getConnection();
                Statement sql = db.createStatement();
                ResultSet users = sql.executeQuery("SELECT count(*) FROM catalog.users")) {
            users.next();
            assertThat(users.getLong(1))
                    .as("no demo accounts with known passwords")
                    .isZero();
        }
    }
}
