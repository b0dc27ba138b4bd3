package com.flashsale.edge.purchase;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How far order-processor has applied each request partition, and how fast: learnt from the
 * sale-status topic after each batch (the one route: the processor group's own offsets are never
 * read, ADR 0002). A partition of which no batch was ever reported has no known progress: a request
 * in it gets its place once the first batch is (its 202 carries none).
 */
public final class QueueProgress {

    private final ConcurrentHashMap<Integer, Progress> partitions = new ConcurrentHashMap<>();

    /** Records that {@code partition} is applied up to (not including) {@code appliedOffset}. */
    public void applied(int partition, long appliedOffset, double perSecond) {
        partitions.merge(
                partition,
                new Progress(appliedOffset, perSecond),
                (old, incoming) -> new Progress(
                        Math.max(old.appliedOffset(), incoming.appliedOffset()),
                        incoming.perSecond() > 0 ? incoming.perSecond() : old.perSecond()));
    }

    /** The place of the record at {@code offset} in its partition, or null when the partition's progress is unknown. */
    public QueuePosition positionOf(int partition, long offset) {
        Progress progress = partitions.get(partition);
        return progress == null ? null : QueuePosition.of(offset, progress.appliedOffset(), progress.perSecond());
    }

    private record Progress(long appliedOffset, double perSecond) {}
}
