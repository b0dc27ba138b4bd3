package com.flashsale.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.testing.TestInfrastructure.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.context.EmbeddedKafka;

class TestInfrastructureTest {

    private static final BooleanSupplier NEVER_ASKED = () -> {
        throw new AssertionError("the engine was asked although an override names the path");
    };

    @Test
    void runsOnTheEmbeddedServersWhenNoDockerEngineAnswers() {
        assertThat(TestInfrastructure.choose(null, () -> false)).isEqualTo(Kind.EMBEDDED);
        assertThat(TestInfrastructure.choose("", () -> false)).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void runsOnContainersWhenAnEngineAnswers() {
        assertThat(TestInfrastructure.choose(null, () -> true)).isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void anOverrideNamesThePathWithoutAskingTheEngine() {
        assertThat(TestInfrastructure.choose("embedded", NEVER_ASKED)).isEqualTo(Kind.EMBEDDED);
        assertThat(TestInfrastructure.choose(" Containers ", NEVER_ASKED)).isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void refusesAnOverrideItDoesNotKnow() {
        assertThatThrownBy(() -> TestInfrastructure.choose("docker", NEVER_ASKED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedded or containers");
    }

    @Test
    void theContainersAreTheImagesOfTheComposeFile() throws IOException {
        // The module's tests run in test-support/: the compose file is beside it.
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        assertThat(compose)
                .contains("image: " + PostgresContainerDatabase.IMAGE + "\n")
                .contains("image: " + KafkaContainerBroker.IMAGE + "\n");
    }

    @Test
    void theEmbeddedBrokerIsTheOneEmbeddedKafkaWouldStartForTheSameAttributes() {
        EmbeddedKafka embedded = EmbeddedBroker.asEmbeddedKafka(Spec.class.getAnnotation(TestKafka.class));
        assertThat(embedded.partitions()).isEqualTo(3);
        assertThat(embedded.topics()).containsExactly("a.v1", "b.v1");
        assertThat(embedded.brokerProperties()).containsExactly("group.initial.rebalance.delay.ms=0");
        // Everything else as @EmbeddedKafka's defaults: one broker on a random port.
        assertThat(embedded.count()).isEqualTo(1);
        assertThat(embedded.ports()).containsExactly(0);
    }

    @Test
    void passesBrokerPropertiesToTheKafkaImageByItsVariableNames() {
        assertThat(KafkaContainerBroker.variable("group.initial.rebalance.delay.ms"))
                .isEqualTo("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS");
        assertThat(KafkaContainerBroker.variable("a_b-c.d")).isEqualTo("KAFKA_A__B___C_D");
    }

    @TestKafka(
            partitions = 3,
            topics = {"a.v1", "b.v1"},
            brokerProperties = "group.initial.rebalance.delay.ms=0")
    private static final class Spec {}
}
