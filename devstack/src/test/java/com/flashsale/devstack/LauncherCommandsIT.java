package com.flashsale.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's commands on real processes: the embedded PostgreSQL and a real Kafka broker on free
 * ports in a home of their own, driven through {@link Main} as {@code ./flashsale} drives it.
 */
class LauncherCommandsIT {

    // The module's folder is the working directory of the test JVM; the repository is above it.
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>(System.getenv());
    private ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Main.run(args, ROOT, env, new Console(both, both));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterEach
    void stopWhatTheTestStarted() {
        run("down");
    }

    @Test
    void upStatusKillUpDownAndResetDriveRealPostgresqlAndKafka() throws Exception {
        env.remove("FLASHSALE_DB_URL");
        env.remove("FLASHSALE_KAFKA_BOOTSTRAP");
        env.put("FLASHSALE_HOME", home.toString());
        int pgPort = freePort();
        int kafkaPort = freePort();
        env.put("FLASHSALE_PG_PORT", Integer.toString(pgPort));
        env.put("FLASHSALE_KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("FLASHSALE_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        env.put("FLASHSALE_HEALTH_TIMEOUT", "180");

        assertThat(run("up", "postgres", "kafka")).as(output()).isZero();
        assertThat(output())
                .contains("flashsale up: postgres kafka (home " + home + ")")
                .containsPattern("  postgres         \\.* ?ready \\([0-9.]+ s\\)")
                .containsPattern("  kafka            \\.* ?listening \\([0-9.]+ s\\)")
                .contains("  topics           topics ready: " + Topics.all().size() + " ("
                        + Topics.all().size() + " created)")
                .contains("flashsale is up (");
        try (Connection db =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/flashsale", "postgres", "")) {
            assertThat(db.isValid(5)).isTrue();
        }

        assertThat(run("status")).isZero();
        assertThat(output())
                .startsWith("COMPONENT        STATE          PID   PORT      RSS  LOG\n")
                .containsPattern("postgres         running   +[0-9]+\\+[0-9]+ +" + pgPort + " +[0-9]+ MB")
                .containsPattern("kafka            running   +[0-9]+ +" + kafkaPort + " +[0-9]+ MB")
                .containsPattern("edge-api         stopped +- +[0-9]+ +-")
                .contains("home " + home);

        assertThat(run("kill", "kafka")).isZero();
        assertThat(output()).matches("killed kafka \\(pid [0-9]+\\)\n");
        assertThat(run("kill", "kafka")).isEqualTo(1);
        assertThat(output()).isEqualTo("flashsale: kafka is not running\n");

        assertThat(run("up", "kafka")).as(output()).isZero();
        assertThat(output())
                .contains("topics ready: " + Topics.all().size() + " (0 created)")
                .doesNotContain("postgres");

        assertThat(run("down", "kafka")).isZero();
        assertThat(output()).containsPattern("  kafka            stopped \\(pid [0-9]+, [0-9.]+ s\\)");
        assertThat(output()).doesNotContain("flashsale is down").as("PostgreSQL still runs");

        assertThat(run("down")).isZero();
        assertThat(output())
                .containsPattern("  postgres         stopped \\(pid [0-9]+, [0-9.]+ s\\)")
                .endsWith("flashsale is down (data kept in " + home.resolve("data") + ")\n");
        assertThat(home.resolve("run/stack.env"))
                .as("a stack with nothing running forgets")
                .doesNotExist();
        assertThat(home.resolve("data/postgres")).isDirectory();

        assertThat(run("reset")).isZero();
        assertThat(output()).isEqualTo("flashsale is down and its data is wiped (" + home.resolve("data") + ")\n");
        assertThat(Files.exists(home.resolve("data"))).isFalse();
    }

    @Test
    void upRefusesAPortThatAnotherProcessHoldsAndNamesTheSettingThatMovesIt() throws Exception {
        env.remove("FLASHSALE_DB_URL");
        env.put("FLASHSALE_HOME", home.toString());
        try (ServerSocket taken = new ServerSocket(0)) {
            env.put("FLASHSALE_PG_PORT", Integer.toString(taken.getLocalPort()));

            assertThat(run("up", "postgres")).isEqualTo(1);

            assertThat(output())
                    .contains("flashsale: port " + taken.getLocalPort() + " is taken by another process")
                    .endsWith("; stop it or set FLASHSALE_PG_PORT\n");
        }
    }
}
