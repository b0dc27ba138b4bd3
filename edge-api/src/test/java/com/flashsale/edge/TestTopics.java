package com.flashsale.edge;

import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge tests' own side of the broker: they play catalog-service and order-processor by sending
 * to the topics the edge reads, and read back what the edge produced. The test's producer may wait
 * for metadata; the edge's never does (max.block.ms=0).
 */
final class TestTopics implements AutoCloseable {

    private final TestBroker broker;
    private final JsonMapper json;
    private final KafkaProducer<String, String> producer;

    TestTopics(TestBroker broker, JsonMapper json) {
        this.broker = broker;
        this.json = json;
        this.producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    /** Sends {@code message} as JSON keyed by {@code key}, once the broker acknowledged it. */
    void send(String topic, UUID key, Object message) {
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), json.writeValueAsString(message)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The purchase requests on Kafka that match, read from the start until at least {@code atLeast} are there. */
    List<PurchaseRequested> requests(Predicate<PurchaseRequested> which, int atLeast) {
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "edge-test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<PurchaseRequested> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PURCHASE_REQUESTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read(consumer, which, found, Duration.ofMillis(500));
                return found.size() >= atLeast;
            });
            // A little past the count: anything sent before the read that goes beyond it is caught too.
            read(consumer, which, found, Duration.ofSeconds(1));
        }
        return found;
    }

    private void read(
            KafkaConsumer<String, String> consumer,
            Predicate<PurchaseRequested> which,
            List<PurchaseRequested> found,
            Duration wait) {
        for (ConsumerRecord<String, String> r : consumer.poll(wait)) {
            PurchaseRequested request = json.readValue(r.value(), PurchaseRequested.class);
            if (which.test(request)) {
                found.add(request);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
