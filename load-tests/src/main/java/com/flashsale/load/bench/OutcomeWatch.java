package com.flashsale.load.bench;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.Topics;
import com.flashsale.load.StackClient;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the outcomes topic from the moment it is opened, and hands over the request ids of one sale's outcomes. */
final class OutcomeWatch implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String saleMarker;

    private OutcomeWatch(KafkaConsumer<String, String> consumer, UUID saleId) {
        this.consumer = consumer;
        this.saleMarker = saleId.toString();
    }

    static OutcomeWatch fromNow(String bootstrap, UUID saleId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PURCHASE_OUTCOMES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
        return new OutcomeWatch(consumer, saleId);
    }

    /** Polls once; every outcome of the sale read is handed to {@code requestIds} (duplicates included). */
    void poll(Duration timeout, Consumer<UUID> requestIds) {
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            if (record.value() != null && record.value().contains(saleMarker)) {
                requestIds.accept(StackClient.JSON
                        .readValue(record.value(), PurchaseDecided.class)
                        .requestId());
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
