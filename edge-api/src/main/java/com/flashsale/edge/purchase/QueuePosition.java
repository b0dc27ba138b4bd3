package com.flashsale.edge.purchase;

/**
 * A request's place in its partition's queue: its offset minus the partition's applied offset,
 * with a wait estimated from the apply rate order-processor measured (null until one is known).
 */
public record QueuePosition(long position, Long estimatedWaitMs) {

    public static QueuePosition of(long offset, long appliedOffset, double appliedPerSecond) {
        long position = Math.max(1, offset - appliedOffset + 1);
        Long waitMs = appliedPerSecond > 0 ? Math.round(position * 1000 / appliedPerSecond) : null;
        return new QueuePosition(position, waitMs);
    }
}
