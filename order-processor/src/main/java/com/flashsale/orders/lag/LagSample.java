package com.flashsale.orders.lag;

import java.time.Instant;

/** One look at a partition: the log's end, the applied offset (stored with the batches), and whether a consumer owns it. */
public record LagSample(Instant at, long endOffset, long appliedOffset, boolean owned) {

    /** Requests on the log not applied yet. */
    public long lag() {
        return Math.max(0, endOffset - appliedOffset);
    }
}
