package com.flashsale.devstack.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.devstack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path root;

    private Map<String, String> home(String... more) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("FLASHSALE_HOME", root.resolve("home").toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsAreThePortsUsersKnow() {
        StackSettings settings = StackSettings.load(root, home());
        assertThat(settings.edgePort()).isEqualTo(8080);
        assertThat(settings.ordersPort()).isEqualTo(8081);
        assertThat(settings.catalogPort()).isEqualTo(8082);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.pgPort()).isEqualTo(15432);
        assertThat(settings.edges()).isEqualTo(1);
        assertThat(settings.processors()).isEqualTo(1);
        assertThat(settings.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.database()).isEqualTo(Database.embedded(15432));
        assertThat(settings.healthTimeout()).hasSeconds(120);
    }

    @Test
    void theHomeDefaultsToDotFlashsaleInTheRepositoryAndGetsItsFolders() {
        StackSettings settings = StackSettings.load(root, Map.of());
        assertThat(settings.home()).isEqualTo(root.resolve(".flashsale"));
        assertThat(settings.runDir()).isDirectory();
        assertThat(settings.logDir()).isDirectory();
        assertThat(settings.dataDir()).isDirectory();
    }

    @Test
    void aRunningStackIsAddressedByWhatItRemembersUnlessTheEnvironmentSaysOtherwise() {
        StackSettings.load(root, home("FLASHSALE_EDGE_PORT", "48080", "FLASHSALE_PG_PORT", "45432"))
                .withInstances(2, 3)
                .save();

        StackSettings later = StackSettings.load(root, home("FLASHSALE_PG_PORT", "55432", "FLASHSALE_EDGE_PORT", ""));

        assertThat(later.edgePort())
                .as("remembered; an empty variable counts as unset")
                .isEqualTo(48080);
        assertThat(later.pgPort()).as("the environment wins").isEqualTo(55432);
        assertThat(later.edges()).isEqualTo(2);
        assertThat(later.processors()).isEqualTo(3);
    }

    @Test
    void aStackThatForgetsTakesItsSettingsFromTheEnvironmentAgain() {
        StackSettings settings = StackSettings.load(root, home("FLASHSALE_EDGE_PORT", "48080"));
        settings.save();
        assertThat(settings.runDir().resolve("stack.env")).content().contains("FLASHSALE_EDGE_PORT=48080\n");

        settings.forget();

        assertThat(StackSettings.load(root, home()).edgePort()).isEqualTo(8080);
    }

    @Test
    void rememberedSettingsAreWrittenInTheirOrderOneALine() throws Exception {
        StackSettings.load(root, home()).save();
        assertThat(Files.readAllLines(root.resolve("home/run/stack.env")))
                .extracting(line -> line.substring(0, line.indexOf('=')))
                .containsExactlyElementsOf(StackSettings.REMEMBERED);
    }

    @Test
    void anExternalBrokerReplacesTheLocalOne() {
        StackSettings settings = StackSettings.load(root, home("FLASHSALE_KAFKA_BOOTSTRAP", "k1:9092,k2:9092"));
        assertThat(settings.kafkaBootstrap()).isEqualTo("k1:9092,k2:9092");
    }

    @Test
    void refusesInstanceCountsOutsideTheirBounds() {
        assertThatThrownBy(() ->
                        StackSettings.load(root, home("FLASHSALE_EDGES", "10")).edges())
                .isInstanceOf(StackException.class)
                .hasMessage("FLASHSALE_EDGES must be from 1 to 9 (found: 10)");
        assertThatThrownBy(() -> StackSettings.load(root, home("FLASHSALE_PORT_X", "1", "FLASHSALE_EDGE_PORT", "x"))
                        .edgePort())
                .hasMessage("FLASHSALE_EDGE_PORT is not a number: x");
    }

    @Test
    void aWrongDatabaseUrlStopsTheCommandAtOnce() {
        assertThatThrownBy(() -> StackSettings.load(root, home("FLASHSALE_DB_URL", "mysql://h/db")))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("FLASHSALE_DB_URL is not a PostgreSQL URL");
    }

    @Test
    void serviceJavaOptionsAreSplitIntoWords() {
        StackSettings settings =
                StackSettings.load(root, home("FLASHSALE_SERVICE_JAVA_OPTS", "  -Xmx1g   -Dx=y ", "JAVA_HOME", "/j"));
        assertThat(settings.serviceJavaOptions()).containsExactly("-Xmx1g", "-Dx=y");
        assertThat(settings.edgeJavaOptions()).isEmpty();
        assertThat(settings.java()).isEqualTo("/j/bin/java");
    }

    @Test
    void theEdgeStartsWithALargerHeapUnlessTheServicesHeapIsSetAndItsOwnOptionsComeLast() {
        assertThat(StackSettings.load(root, home()).edgeJavaOptions()).containsExactly("-Xms256m", "-Xmn128m");
        assertThat(StackSettings.load(root, home("FLASHSALE_EDGE_JAVA_OPTS", "-Xlog:gc -Xmn64m"))
                        .edgeJavaOptions())
                .containsExactly("-Xms256m", "-Xmn128m", "-Xlog:gc", "-Xmn64m");
    }
}
