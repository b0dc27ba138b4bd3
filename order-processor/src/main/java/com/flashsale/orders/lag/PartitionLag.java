package com.flashsale.orders.lag;

/**
 * One partition's row of the lag report. Offsets are Kafka offsets; {@code committedOffset} is the
 * group's (it only shows lag: the truth is {@code appliedOffset}, stored with the batches); the
 * oldest age is exact, from the timestamp of the record at the applied offset; null fields are
 * unknown (nothing waiting, no commit, no owner, not draining).
 */
public record PartitionLag(
        int partition,
        long endOffset,
        long appliedOffset,
        Long committedOffset,
        long lag,
        Long oldestWaitingAgeMs,
        double applyRatePerSecond,
        Double drainEstimateSeconds,
        TopicProgress.Owner owner,
        PartitionStatus status) {}
