package com.flashsale.devstack.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.devstack.StackException;
import com.flashsale.devstack.settings.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {

    @TempDir
    Path root;

    private StackSettings settings() {
        return StackSettings.load(
                root, Map.of("FLASHSALE_HOME", root.resolve("home").toString()));
    }

    private static List<String> names(List<Component> components) {
        return components.stream().map(Component::name).toList();
    }

    @Test
    void oneOfEachInStartOrderByDefault() {
        assertThat(names(Topology.of(settings()).all()))
                .containsExactly("postgres", "kafka", "catalog-service", "order-processor", "edge-api");
    }

    @Test
    void furtherInstancesAreNamedAndPortedFromTheFirst() {
        StackSettings settings = settings().withInstances(2, 3);
        Topology topology = Topology.of(settings);

        assertThat(names(topology.all()))
                .containsExactly(
                        "postgres",
                        "kafka",
                        "catalog-service",
                        "order-processor",
                        "order-processor-2",
                        "order-processor-3",
                        "edge-api",
                        "edge-api-2");
        assertThat(topology.ofKind(Kind.EDGE)).extracting(c -> c.port(settings)).containsExactly(8080, 8090);
        assertThat(topology.ofKind(Kind.ORDERS))
                .extracting(c -> c.port(settings))
                .containsExactly(8081, 8091, 8101);
        assertThat(new Component(Kind.EDGE, 2).pidFile(settings)).hasFileName("edge-api-2.pid");
        assertThat(new Component(Kind.EDGE, 2).mainMarker()).isEqualTo("edge-api.jar");
    }

    @Test
    void aKindStandsForAllItsInstancesAndAnInstanceNameForOne() {
        Topology topology = Topology.of(settings().withInstances(2, 2));

        assertThat(names(topology.select(List.of("edge-api", "kafka"))))
                .containsExactly("kafka", "edge-api", "edge-api-2");
        assertThat(names(topology.select(List.of("order-processor-2")))).containsExactly("order-processor-2");
        // The kind's name takes every instance: the first alone is <kind>-1 (a fault drill kills one processor).
        assertThat(names(topology.select(List.of("order-processor-1")))).containsExactly("order-processor");
        assertThat(new Component(Kind.ORDERS, 1).own()).isEqualTo("order-processor-1");
        assertThat(topology.select(List.of())).isEqualTo(topology.all());
    }

    @Test
    void anUnknownComponentIsNamedWithTheComponentsThereAre() {
        assertThatThrownBy(() -> Topology.of(settings()).select(List.of("redis")))
                .isInstanceOf(StackException.class)
                .hasMessage(
                        "unknown component 'redis' (components: postgres kafka catalog-service order-processor edge-api)");
        assertThatThrownBy(() -> Topology.of(settings()).select(List.of("edge-api-2")))
                .hasMessageStartingWith("unknown component 'edge-api-2'");
    }

    @Test
    void anInstanceWithAPidFileStaysAddressableAfterTheCountWentDown() throws Exception {
        StackSettings settings = settings();
        Files.writeString(settings.runDir().resolve("edge-api-3.pid"), "123\n");

        assertThat(names(Topology.of(settings).ofKind(Kind.EDGE)))
                .containsExactly("edge-api", "edge-api-2", "edge-api-3");
    }

    @Test
    void externalDatabaseAndBrokerAreNotOursToStart() {
        StackSettings settings = StackSettings.load(
                root,
                Map.of(
                        "FLASHSALE_HOME", root.resolve("home").toString(),
                        "FLASHSALE_DB_URL", "postgresql://db:5432/x",
                        "FLASHSALE_KAFKA_BOOTSTRAP", "k:9092"));
        assertThat(Component.first(Kind.POSTGRES).isExternal(settings)).isTrue();
        assertThat(Component.first(Kind.KAFKA).isExternal(settings)).isTrue();
        assertThat(Component.first(Kind.EDGE).isExternal(settings)).isFalse();
    }
}
