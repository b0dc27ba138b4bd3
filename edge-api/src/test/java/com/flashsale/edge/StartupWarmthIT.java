package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.Topics;
import com.flashsale.edge.sale.SaleDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * A fresh edge rehearses the storm's refusals before it reports ready (docs/adr/0011): signed-in
 * made-up shoppers are answered 409 on made-up sales, and nothing of it is left: no sale listed,
 * nothing on the purchase topic.
 */
class StartupWarmthIT extends EdgeWebTest {

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    SaleDirectory sales;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @SuppressWarnings("unchecked")
    void rehearsesTheRefusalsOfSignedInShoppersAndLeavesNothingBehind() {
        HealthIndicator warmth = (HealthIndicator) health.getContributor("startupWarmth");
        Health warm = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(warmth::health, h -> h.getStatus().equals(Status.UP));

        Map<Integer, Long> answers = (Map<Integer, Long>) warm.getDetails().get("rehearsal");
        assertThat(answers).as("signed-in refusals: sold out, not open yet").containsKey(409);
        assertThat(answers.get(409)).isGreaterThan(500L);
        assertThat(answers).as("nothing admitted").doesNotContainKeys(202, 503);

        assertThat(sales.all()).isEmpty();
        http().get()
                .uri("/api/sales")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items")
                .isEmpty();
        assertThat(recordsOnThePurchaseTopic()).isZero();
    }

    private long recordsOnThePurchaseTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.PURCHASE_REQUESTS, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
