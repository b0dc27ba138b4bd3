package com.flashsale.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

class KafkaClusterHealthTest {

    @Test
    void isDownWithoutDetailsOfTheFailureBeyondItsKindWhenNoBrokerAnswers() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        KafkaAdmin admin = new KafkaAdmin(Map.of("bootstrap.servers", "127.0.0.1:" + closed));
        try (KafkaClusterHealth health = new KafkaClusterHealth(admin)) {
            Health first = health.health();

            assertThat(first.getStatus()).isEqualTo(Status.DOWN);
            assertThat(first.getDetails()).containsOnlyKeys("error");
            assertThat(first.getDetails().get("error").toString()).doesNotContain("127.0.0.1");
            // Kept a moment: a second probe right after does not ask the cluster again.
            assertThat(health.health()).isSameAs(first);
        }
    }
}
