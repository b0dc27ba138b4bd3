package com.flashsale.orders.lag;

/** A partition's progress as judged from its window of recent samples, after Burrow's rules. */
public enum PartitionStatus {
    /** Caught up, or moving. */
    OK,
    /** Moving, but the lag grew in every sample of the window: it falls behind. */
    LAGGING,
    /** Owned by a consumer, requests waiting, and the applied offset did not move across the window. */
    STALLED,
    /** Requests waiting, the applied offset did not move across the window, and no consumer owns it. */
    STOPPED
}
