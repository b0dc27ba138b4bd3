package com.flashsale.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL in Docker: the official image of the major version {@code docker-compose.yml} runs (and
 * the embedded binaries are), its logins trusted as the embedded server's are (a test's login role
 * without a password works on both paths). A test's own one is bound to a fixed host port, so that a
 * {@code docker stop} and {@code docker start} of the same container bring it back on the same address
 * with its data (the image keeps it in a volume of the container).
 */
final class PostgresContainerDatabase implements RestartableDatabase {

    /** The compose file's image (TestInfrastructureTest holds the two to each other). */
    static final String IMAGE = "postgres:17";

    private static final int POSTGRES_PORT = 5432;
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final PostgreSQLContainer container;
    private boolean running;

    static PostgresContainerDatabase shared() {
        return new PostgresContainerDatabase(0);
    }

    static PostgresContainerDatabase own() {
        return new PostgresContainerDatabase(EmbeddedPostgresDatabase.freePort());
    }

    private PostgresContainerDatabase(int fixedPort) {
        container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName(DATABASE)
                .withUsername("postgres")
                .withPassword("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        if (fixedPort > 0) {
            container.setPortBindings(List.of(fixedPort + ":" + POSTGRES_PORT));
        }
        container.start();
        running = true;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(POSTGRES_PORT);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host()});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(username());
        dataSource.setPassword(password());
        return dataSource;
    }

    @Override
    public synchronized void stop() {
        if (running) {
            // The container stays, with its volume and port binding: only the server goes.
            DockerClientFactory.instance()
                    .client()
                    .stopContainerCmd(container.getContainerId())
                    .exec();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        DockerClientFactory.instance()
                .client()
                .startContainerCmd(container.getContainerId())
                .exec();
        await().atMost(START_BOUND)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .until(this::acceptsConnections);
        running = true;
    }

    private boolean acceptsConnections() throws SQLException {
        try (Connection connection = connection()) {
            return connection.isValid(1);
        }
    }

    @Override
    public synchronized void close() {
        container.stop();
        running = false;
    }
}
