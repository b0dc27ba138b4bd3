package com.flashsale.edge.ops.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * order-processor's lag report of the requests topic as the edge passes it on: per partition the
 * offsets, the lag, the oldest waiting request's age, the apply rate, the drain estimate, the owner
 * and a status judged over the last {@code window} samples.
 */
@Schema(name = "OpsLag")
record OpsLag(
        String topic,
        String group,
        Instant sampledAt,
        long sampleEveryMs,
        int window,
        long totalLag,
        List<Partition> partitions) {

    /** One partition; null fields are unknown (no commit, nothing waiting, not draining, no owner). */
    @Schema(name = "OpsLagPartition")
    record Partition(
            int partition,
            long endOffset,

            @Schema(description = "The next offset to apply, stored with the batches: the truth")
            long appliedOffset,

            @Schema(description = "The consumer group's committed offset (shows lag only)", nullable = true)
            Long committedOffset,

            long lag,

            @Schema(
                    description = "Age of the request at the applied offset, from its record timestamp",
                    nullable = true)
            Long oldestWaitingAgeMs,

            double applyRatePerSecond,

            @Schema(description = "Seconds until the lag is gone at the window's net pace", nullable = true)
            Double drainEstimateSeconds,

            @Schema(nullable = true) Owner owner,

            @Schema(allowableValues = {"OK", "LAGGING", "STALLED", "STOPPED"})
            String status) {}

    /** The consumer-group member a partition is assigned to. */
    @Schema(name = "OpsLagOwner")
    record Owner(String memberId, String clientId, String host) {}
}
