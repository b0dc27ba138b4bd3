package com.flashsale.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A running PostgreSQL of the integration tests ({@link TestInfrastructure}): where it listens, who
 * may log in (the superuser, trusted on either path, as the embedded server trusts every login), and
 * connections as that user. Its maintenance database {@code postgres} is the one the services use.
 */
public interface TestDatabase {

    String DATABASE = "postgres";

    String host();

    int port();

    String username();

    String password();

    /** Connections to {@code database} as the superuser. */
    DataSource dataSource(String database);

    /** Connections to the {@value #DATABASE} database as the superuser. */
    default DataSource dataSource() {
        return dataSource(DATABASE);
    }

    default Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /** Points the service under test at this database ({@code flashsale.db.*}). */
    default void register(DynamicPropertyRegistry registry) {
        registry.add("flashsale.db.host", this::host);
        registry.add("flashsale.db.port", this::port);
        registry.add("flashsale.db.name", () -> DATABASE);
        registry.add("flashsale.db.username", this::username);
        registry.add("flashsale.db.password", this::password);
    }
}
