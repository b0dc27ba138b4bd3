package com.flashsale.edge.purchase;

import com.flashsale.contracts.SaleStatusChanged;

/**
 * A request's place in its partition's queue: its offset minus the partition's applied offset,
 * with a wait estimated from the apply rate order-processor measured.
 */
public record QueuePosition(long position, Long estimatedWaitMs) {

    /** The position of the record at {@code offset}, or null when the partition's progress is unknown. */
    public static QueuePosition of(long offset, SaleStatusChanged progress) {
        if (progress == null || progress.appliedOffset() < 0) {
            return null;
        }
        long position = Math.max(1, offset - progress.appliedOffset() + 1);
        Long waitMs =
                progress.appliedPerSecond() > 0 ? Math.round(position * 1000 / progress.appliedPerSecond()) : null;
        return new QueuePosition(position, waitMs);
    }
}
