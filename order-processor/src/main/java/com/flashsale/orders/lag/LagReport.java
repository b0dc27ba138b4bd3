package com.flashsale.orders.lag;

import java.time.Instant;
import java.util.List;

/**
 * The lag of the requests topic, partition by partition, as of the last sample; {@code window}
 * samples taken every {@code sampleEveryMs} judge each status.
 */
public record LagReport(
        String topic,
        String group,
        Instant sampledAt,
        long sampleEveryMs,
        int window,
        long totalLag,
        List<PartitionLag> partitions) {}
