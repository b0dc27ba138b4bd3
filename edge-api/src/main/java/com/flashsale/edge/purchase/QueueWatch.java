package com.flashsale.edge.purchase;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The requests this instance admitted that are still waiting for their outcome, with their place in
 * the partition's queue, so that a shopper sees that place move, not only where it started. Bounded:
 * past {@code capacity} waiting requests, new ones keep only the place their 202 carried.
 */
public final class QueueWatch {

    private final int capacity;
    private final long staleAfterNanos;
    private final ConcurrentHashMap<UUID, Waiting> waiting = new ConcurrentHashMap<>();

    public QueueWatch(int capacity, java.time.Duration staleAfter) {
        this.capacity = capacity;
        this.staleAfterNanos = staleAfter.toNanos();
    }

    /** A request was admitted at {@code offset} of {@code partition}; {@code position} is the place its 202 carried. */
    public void admitted(UUID requestId, UUID userId, UUID saleId, int partition, long offset, QueuePosition position) {
        if (waiting.size() < capacity) {
            waiting.put(
                    requestId,
                    new Waiting(
                            userId,
                            saleId,
                            partition,
                            offset,
                            position == null ? Long.MAX_VALUE : position.position(),
                            System.nanoTime()));
        }
    }

    /** The request has its outcome: its place no longer matters. */
    public void decided(UUID requestId) {
        waiting.remove(requestId);
    }

    /**
     * Sends, through {@code publish} (user id, update), the new place of every waiting request whose
     * place moved forward since the last one sent; forgets requests that are decided or stale.
     */
    public void refresh(QueueProgress progress, Predicate<UUID> decided, BiConsumer<UUID, PurchaseUpdate> publish) {
        long now = System.nanoTime();
        waiting.forEach((requestId, request) -> {
            if (decided.test(requestId) || now - request.admittedNanos > staleAfterNanos) {
                waiting.remove(requestId);
                return;
            }
            QueuePosition position = progress.positionOf(request.partition, request.offset);
            if (position != null && position.position() < request.lastPosition) {
                request.lastPosition = position.position();
                publish.accept(request.userId, PurchaseUpdate.queued(requestId, request.saleId, position));
            }
        });
    }

    /** How many admitted requests wait for their outcome here. */
    public int size() {
        return waiting.size();
    }

    private static final class Waiting {
        final UUID userId;
        final UUID saleId;
        final int partition;
        final long offset;
        final long admittedNanos;
        volatile long lastPosition;

        Waiting(UUID userId, UUID saleId, int partition, long offset, long lastPosition, long admittedNanos) {
            this.userId = userId;
            this.saleId = saleId;
            this.partition = partition;
            this.offset = offset;
            this.lastPosition = lastPosition;
            this.admittedNanos = admittedNanos;
        }
    }
}
