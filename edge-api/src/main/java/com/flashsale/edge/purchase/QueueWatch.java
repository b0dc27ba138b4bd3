package com.flashsale.edge.purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    // The same requests by shopper: a history page finds its owner's without walking every request.
    private final ConcurrentHashMap<UUID, Set<UUID>> byUser = new ConcurrentHashMap<>();

    public QueueWatch(int capacity, java.time.Duration staleAfter) {
        this.capacity = capacity;
        this.staleAfterNanos = staleAfter.toNanos();
    }

    /**
     * A request accepted at {@code acceptedAt} was admitted at {@code offset} of {@code partition};
     * {@code position} is the place its 202 carried.
     */
    public void admitted(
            UUID requestId,
            UUID userId,
            UUID saleId,
            Instant acceptedAt,
            int partition,
            long offset,
            QueuePosition position) {
        if (waiting.size() < capacity) {
            waiting.put(
                    requestId,
                    new Waiting(
                            userId,
                            saleId,
                            acceptedAt,
                            partition,
                            offset,
                            position == null ? Long.MAX_VALUE : position.position(),
                            System.nanoTime()));
            byUser.compute(userId, (user, ids) -> {
                Set<UUID> known = ids != null ? ids : ConcurrentHashMap.newKeySet();
                known.add(requestId);
                return known;
            });
        }
    }

    /** The request has its outcome: its place no longer matters. */
    public void decided(UUID requestId) {
        Waiting request = waiting.get(requestId);
        if (request != null) {
            forget(requestId, request);
        }
    }

    /** The shopper's requests still waiting here for their outcome, in no particular order. */
    public List<Queued> waitingOf(UUID userId) {
        Set<UUID> ids = byUser.get(userId);
        if (ids == null) {
            return List.of();
        }
        List<Queued> queued = new ArrayList<>(ids.size());
        for (UUID requestId : ids) {
            Waiting request = waiting.get(requestId);
            if (request != null) {
                queued.add(new Queued(requestId, request.saleId, request.acceptedAt));
            }
        }
        return queued;
    }

    /**
     * Sends, through {@code publish} (user id, update), the new place of every waiting request whose
     * place moved forward since the last one sent; forgets requests that are decided or stale.
     */
    public void refresh(QueueProgress progress, Predicate<UUID> decided, BiConsumer<UUID, PurchaseUpdate> publish) {
        long now = System.nanoTime();
        waiting.forEach((requestId, request) -> {
            if (decided.test(requestId) || now - request.admittedNanos > staleAfterNanos) {
                forget(requestId, request);
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

    private void forget(UUID requestId, Waiting request) {
        if (waiting.remove(requestId, request)) {
            byUser.computeIfPresent(request.userId, (user, ids) -> {
                ids.remove(requestId);
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    /** A request of a shopper that waits for its outcome. */
    public record Queued(UUID requestId, UUID saleId, Instant acceptedAt) {}

    private static final class Waiting {
        final UUID userId;
        final UUID saleId;
        final Instant acceptedAt;
        final int partition;
        final long offset;
        final long admittedNanos;
        volatile long lastPosition;

        Waiting(
                UUID userId,
                UUID saleId,
                Instant acceptedAt,
                int partition,
                long offset,
                long lastPosition,
                long admittedNanos) {
            this.userId = userId;
            this.saleId = saleId;
            this.acceptedAt = acceptedAt;
            this.partition = partition;
            this.offset = offset;
            this.lastPosition = lastPosition;
            this.admittedNanos = admittedNanos;
        }
    }
}
