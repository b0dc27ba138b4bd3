package com.flashsale.orders.lag.messaging;

import com.flashsale.contracts.Topics;
import com.flashsale.orders.lag.TopicProgress;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@link TopicProgress} through Kafka's admin API (offsets, the group's commits and members) and a
 * group-less consumer that reads one record at a given offset for its timestamp. Used by the one
 * sampling thread.
 */
@Component
final class KafkaTopicProgress implements TopicProgress {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Duration READ_BOUND = Duration.ofSeconds(2);

    private final Map<String, Object> config;
    private final String topic;
    private final String group;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> reader;

    KafkaTopicProgress(KafkaAdmin kafkaAdmin, @Value("${flashsale.orders.group-id:order-processor}") String group) {
        this.config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        this.topic = Topics.PURCHASE_REQUESTS;
        this.group = group;
    }

    @Override
    public synchronized Map<Integer, PartitionOnKafka> partitions() {
        Admin a = admin();
        List<TopicPartition> partitions;
        try {
            partitions = a
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // nothing produced yet
            }
            throw failed(e);
        } catch (InterruptedException | TimeoutException e) {
            throw failed(e);
        }
        ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                await(a.listOffsets(specs(partitions, p -> OffsetSpec.latest()), committedOnly)
                        .all());
        Map<TopicPartition, ListOffsetsResultInfo> starts =
                await(a.listOffsets(specs(partitions, p -> OffsetSpec.earliest()), committedOnly)
                        .all());
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Owner> owners = owners(a);
        Map<Integer, PartitionOnKafka> seen = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata commit = committed.get(tp);
            seen.put(
                    tp.partition(),
                    new PartitionOnKafka(
                            tp.partition(),
                            starts.get(tp).offset(),
                            ends.get(tp).offset(),
                            commit == null ? null : commit.offset(),
                            owners.get(tp)));
        }
        return seen;
    }

    private Map<TopicPartition, Owner> owners(Admin a) {
        Map<TopicPartition, Owner> owners = new HashMap<>();
        ConsumerGroupDescription description;
        try {
            description = a.describeConsumerGroups(List.of(group))
                    .all()
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS)
                    .get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return owners; // no consumer ever joined: nobody owns anything
            }
            throw failed(e);
        } catch (InterruptedException | TimeoutException e) {
            throw failed(e);
        }
        if (description != null) {
            for (MemberDescription member : description.members()) {
                Owner owner = new Owner(member.consumerId(), member.clientId(), member.host());
                member.assignment().topicPartitions().forEach(tp -> owners.put(tp, owner));
            }
        }
        return owners;
    }

    @Override
    public synchronized Map<Integer, Instant> timestampsAt(Map<Integer, Long> offsets) {
        KafkaConsumer<byte[], byte[]> consumer = reader();
        List<TopicPartition> partitions =
                offsets.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        partitions.forEach(tp -> consumer.seek(tp, offsets.get(tp.partition())));
        Map<Integer, Instant> found = new HashMap<>();
        long deadline = System.nanoTime() + READ_BOUND.toNanos();
        while (found.size() < partitions.size() && System.nanoTime() - deadline < 0) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (found.putIfAbsent(record.partition(), Instant.ofEpochMilli(record.timestamp())) == null) {
                    consumer.pause(List.of(new TopicPartition(topic, record.partition())));
                }
            }
        }
        consumer.assign(List.of());
        return found;
    }

    @PreDestroy
    synchronized void close() {
        if (reader != null) {
            reader.close(Duration.ofSeconds(1));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> adminConfig = new HashMap<>(config);
            adminConfig.put("client.id", "order-processor-lag-admin");
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            Map<String, Object> consumerConfig = new HashMap<>(config);
            consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-processor-lag-reader");
            consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            // One record is wanted per partition: a fetch returns at least one batch, however small this is.
            consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024);
            consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            reader = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return reader;
    }

    private static Map<TopicPartition, OffsetSpec> specs(
            List<TopicPartition> partitions, Function<TopicPartition, OffsetSpec> spec) {
        return partitions.stream().collect(Collectors.toMap(Function.identity(), spec));
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Kafka did not answer: " + cause, cause);
    }
}
