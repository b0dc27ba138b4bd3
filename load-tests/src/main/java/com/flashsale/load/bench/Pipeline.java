package com.flashsale.load.bench;

import com.flashsale.contracts.Topics;
import com.flashsale.load.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Whether order-processor has caught up: every partition applied to its end, and every outcome
 * published (each partition's published offset reached its next offset).
 */
final class Pipeline {

    private Pipeline() {}

    /** Waits until the backlog is applied and published; the seconds it took. */
    static double awaitIdle(DbSettings db, String bootstrap, Duration bound) throws Exception {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Map<Integer, Long> ends = endOffsets(bootstrap);
        try (Connection c = db.connect();
                PreparedStatement offsets = c.prepareStatement(
                        "SELECT partition, next_offset, published_offset FROM orders.consumer_offsets WHERE topic = ?")) {
            offsets.setString(1, Topics.PURCHASE_REQUESTS);
            while (System.nanoTime() < deadline) {
                Map<Integer, Long> applied = new HashMap<>();
                boolean allPublished = true;
                try (ResultSet rs = offsets.executeQuery()) {
                    while (rs.next()) {
                        applied.put(rs.getInt(1), rs.getLong(2));
                        allPublished &= rs.getLong(3) >= rs.getLong(2);
                    }
                }
                boolean caughtUp = ends.entrySet().stream()
                        .allMatch(e -> e.getValue() == 0 || applied.getOrDefault(e.getKey(), 0L) >= e.getValue());
                if (caughtUp && allPublished) {
                    return (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("order-processor did not catch up within " + bound.toSeconds() + " s");
    }

    private static Map<Integer, Long> endOffsets(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = IntStream.range(0, Topics.PURCHASE_REQUEST_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(Topics.PURCHASE_REQUESTS, p))
                    .toList();
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }
}
