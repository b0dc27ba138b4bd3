package com.flashsale.orders.purchase;

import reactor.core.publisher.Mono;

/** The stored offsets of the request partitions; only {@link PartitionOffsets} uses it. */
public interface PartitionOffsetStore {

    /** The partition's stored offsets, if any batch was ever applied there. */
    Mono<StoredOffsets> find(int partition);

    /**
     * The partition's next offset, its row created (at 0) if needed and locked until the caller's
     * transaction ends.
     */
    Mono<Long> lockNext(int partition);

    /** Moves both offsets forward (never back); the published one never past the next. */
    Mono<Void> store(int partition, long next, long published);

    /** Moves the published offset forward (never back). */
    Mono<Void> storePublished(int partition, long published);
}
