package com.flashsale.orders.lag;

import java.time.Instant;
import java.util.Map;

/** What Kafka knows of the requests topic and its consumer group; calls are bounded and may throw. */
public interface TopicProgress {

    /** Every partition of the topic: log start and end, the group's committed offset, its owner. */
    Map<Integer, PartitionOnKafka> partitions();

    /** The timestamp of the record at (or first after) each given offset, where one is there. */
    Map<Integer, Instant> timestampsAt(Map<Integer, Long> offsets);

    /** One partition as Kafka sees it; {@code committed} and {@code owner} may be null. */
    record PartitionOnKafka(int partition, long logStart, long end, Long committed, Owner owner) {}

    /** The group member a partition is assigned to. */
    record Owner(String memberId, String clientId, String host) {}
}
