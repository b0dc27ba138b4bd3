package com.flashsale.edge.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of some topics on its own thread, without a consumer group: each edge
 * instance sees every record. It starts at the beginning (to rebuild a copy of a compacted topic)
 * or at the end (for live events), and says when it has caught up with what existed at start.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

    /** Where to start reading. */
    public enum Start {
        BEGINNING,
        END
    }

    private final String name;
    private final Properties properties;
    private final List<String> topics;
    private final Start start;
    private final Consumer<ConsumerRecord<String, String>> handler;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private final Thread thread;

    public TopicTail(
            String name,
            String bootstrapServers,
            List<String> topics,
            Start start,
            Consumer<ConsumerRecord<String, String>> handler) {
        this.name = name;
        this.topics = topics;
        this.start = start;
        this.handler = handler;
        this.properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "edge-" + name);
        // In a storm outcomes arrive by the thousand a second: a fetch that waits up to 50 ms for
        // 16 KB carries dozens of them instead of one or two, for little more latency to the shopper.
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16_384);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.thread = new Thread(this::run, "tail-" + name);
        thread.setDaemon(true);
    }

    public TopicTail start() {
        thread.start();
        return this;
    }

    /** Whether every record that existed when the tail started has been handled. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties)) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Tail {} failed ({}); reconnecting", name, e.toString());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            // Waits (retrying) until the topic exists: the broker may come up after the edge.
            kafka.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        kafka.assign(partitions);
        if (start == Start.BEGINNING) {
            kafka.seekToBeginning(partitions);
        } else {
            kafka.seekToEnd(partitions);
        }
        Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                try {
                    handler.accept(record);
                } catch (RuntimeException e) {
                    log.warn(
                            "Tail {} skipped a record at {}-{}@{}: {}",
                            name,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            e.toString());
                }
            }
            if (!caughtUp && endAtStart.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                log.info("Tail {} caught up with {}", name, topics);
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
