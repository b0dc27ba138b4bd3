package com.flashsale.edge;

import com.flashsale.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The edge's tests' database: order-processor's schema, migrated by that service's own scripts, read
 * by the edge as a login role that holds only {@code orders_reader}, the role of order-processor's
 * read contract. A query of the edge past the contract's views fails its test.
 */
final class OrdersReadContract {

    static final String EDGE_ROLE = "edge_test_reader";

    private OrdersReadContract() {}

    static void register(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, OrdersReadContract::migrate);
        registry.add("spring.r2dbc.username", () -> EDGE_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
    }

    /** A connection as order-processor has it (owner of the schema): what the tests write as that service. */
    static Connection owner() throws SQLException {
        return TestInfrastructure.database().connection();
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("orders")
                .defaultSchema("orders")
                .locations("classpath:db/migration/orders")
                .load()
                .migrate();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + EDGE_ROLE + " LOGIN IN ROLE orders_reader");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the edge's test role", e);
        }
    }
}
