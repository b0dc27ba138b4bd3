package com.flashsale.orders.purchase;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one owner of each request partition's two offsets (the row of {@code
 * orders.consumer_offsets}): the next offset to apply, stored with every batch, and the published
 * offset, below which every outcome is on the outcomes topic (docs/adr/0002).
 *
 * <p>The outcome publication reports how far Kafka acknowledged; this stores that offset in the
 * next batch's own transaction, or, when no batch follows for a while, on its own ({@link
 * #storeIdle()}), so that publishing costs no write per batch.
 */
public final class PartitionOffsets {

    private static final Logger log = LoggerFactory.getLogger(PartitionOffsets.class);
    private static final Duration IDLE = Duration.ofMillis(200);

    private final PartitionOffsetStore store;
    private final ConcurrentHashMap<Integer, Partition> partitions = new ConcurrentHashMap<>();

    public PartitionOffsets(PartitionOffsetStore store) {
        this.store = store;
    }

    /** How far the partition is applied (its next offset to apply), by whichever instance owns it; 0 if never. */
    public Mono<Long> appliedUpTo(int partition) {
        return store.find(partition).map(StoredOffsets::next).defaultIfEmpty(0L);
    }

    /** Where the partition stands as it becomes ours; empty if no batch was ever applied there. */
    public Mono<StoredOffsets> assigned(int partition) {
        return store.find(partition).doOnNext(stored -> partitions.put(partition, new Partition(stored.published())));
    }

    /** Every outcome of the partition's records below {@code upTo} is acknowledged by Kafka. */
    public void acknowledged(int partition, long upTo) {
        Partition state = partitions.get(partition);
        // A late acknowledgement of a partition revoked meanwhile: no longer ours to store.
        if (state != null) {
            state.acked.accumulateAndGet(upTo, Math::max);
        }
    }

    /** The partition is no longer ours: stores how far it was published, and forgets it. */
    public Mono<Void> revoked(int partition) {
        Partition state = partitions.remove(partition);
        return state == null ? Mono.empty() : storeIfAdvanced(partition, state);
    }

    /** Stores the published offset of the partitions that no batch followed for a while. */
    public Mono<Void> storeIdle() {
        long idleSince = System.nanoTime() - IDLE.toNanos();
        return Flux.fromIterable(partitions.entrySet())
                .filter(entry -> entry.getValue().lastBatchNanos - idleSince < 0)
                .concatMap(entry -> storeIfAdvanced(entry.getKey(), entry.getValue())
                        .onErrorResume(e -> {
                            log.warn(
                                    "Partition {}: publication not recorded yet ({}); retrying",
                                    entry.getKey(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    /** Stores every partition's published offset that moved (a graceful stop). */
    public Mono<Void> storeAll() {
        return Flux.fromIterable(partitions.entrySet())
                .concatMap(entry -> storeIfAdvanced(entry.getKey(), entry.getValue())
                        .onErrorResume(e -> {
                            log.info(
                                    "Partition {}: published offset not stored at stop ({})",
                                    entry.getKey(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    /** The applied offset (the next to apply) of every partition, as stored with the batches: the truth for lag. */
    public Mono<Map<Integer, Long>> applied() {
        return store.nextOfAll();
    }

    /** The published offset a batch about to start stores in its transaction. */
    long publishedUpTo(int partition) {
        Partition state = partitions.get(partition);
        return state == null ? 0 : state.acked.get();
    }

    /** Locks the partition's row in the caller's transaction: the next offset to apply. */
    Mono<Long> lockNext(int partition) {
        return store.lockNext(partition);
    }

    /** Stores, in the caller's transaction, the next offset and the published offset. */
    Mono<Void> store(int partition, long next, long published) {
        return store.store(partition, next, published);
    }

    /** A batch that stored {@code published} committed. */
    void committed(int partition, long published) {
        Partition state = partition(partition);
        state.stored.accumulateAndGet(published, Math::max);
        state.lastBatchNanos = System.nanoTime();
    }

    private Partition partition(int partition) {
        return partitions.computeIfAbsent(partition, p -> new Partition(0));
    }

    private Mono<Void> storeIfAdvanced(int partition, Partition state) {
        long acked = state.acked.get();
        if (acked <= state.stored.get()) {
            return Mono.empty();
        }
        return store.storePublished(partition, acked)
                .then(Mono.fromRunnable(() -> state.stored.accumulateAndGet(acked, Math::max)));
    }

    /** One partition's offsets as known here. */
    private static final class Partition {
        /** Every outcome below this is acknowledged. */
        final AtomicLong acked;
        /** The published offset last stored (by a batch or on its own). */
        final AtomicLong stored;
        /** When the last batch of the partition committed ({@link System#nanoTime()}). */
        volatile long lastBatchNanos = System.nanoTime();

        Partition(long published) {
            this.acked = new AtomicLong(published);
            this.stored = new AtomicLong(published);
        }
    }
}
