package com.flashsale.edge.purchase;

import com.flashsale.contracts.PurchaseDecided;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The purchases this instance admitted that wait for their outcome: whose they are, on which sale,
 * where in their partition's queue. The one place that knows it: a request is forgotten the moment
 * its outcome is recorded ({@link #decided}), or when it waited longer than any outcome takes. A
 * shopper's place moves as order-processor's applied offsets advance ({@link #refresh}). Bounded:
 * past {@code capacity} waiting requests, new ones keep only the place their 202 carried.
 *
 * <p>It also counts, per sale, the requests admitted here whose outcome is not heard yet, from the
 * admission on (before Kafka's ack): {@link #claim} takes a place among them under a bound, and the
 * place is given back when the outcome is recorded, the request is forgotten, or it was never sent
 * (docs/adr/0018).
 */
public final class WaitingPurchases {

    private final int capacity;
    private final long staleAfterNanos;
    private final OutcomeBook outcomes;
    private final ConcurrentHashMap<UUID, Waiting> waiting = new ConcurrentHashMap<>();
    // The same requests by shopper: a history page finds its owner's without walking every request.
    private final ConcurrentHashMap<UUID, Set<UUID>> byUser = new ConcurrentHashMap<>();
    // Per sale: the claims held (admitted here, outcome not heard yet).
    private final ConcurrentHashMap<UUID, AtomicInteger> claims = new ConcurrentHashMap<>();

    /** @param outcomes where outcomes are recorded before this room is told of them */
    public WaitingPurchases(int capacity, java.time.Duration staleAfter, OutcomeBook outcomes) {
        this.capacity = capacity;
        this.staleAfterNanos = staleAfter.toNanos();
        this.outcomes = outcomes;
    }

    /**
     * A request of {@code userId} for {@code saleId}, accepted at {@code acceptedAt}, is at {@code
     * offset} of {@code partition}; {@code position} is the place its 202 carried (null if unknown). It
     * holds {@code claim} until it is forgotten (given back at once when it cannot be kept; {@link
     * #unclaimed()} for none).
     */
    public void admitted(
            Claim claim,
            UUID requestId,
            UUID userId,
            UUID saleId,
            Instant acceptedAt,
            int partition,
            long offset,
            QueuePosition position) {
        if (waiting.size() >= capacity) {
            claim.release();
            return;
        }
        // A retry sent again while its request waits: the request keeps the claim it holds, one for the one request.
        Waiting before = waiting.get(requestId);
        Claim held = claim;
        if (before != null) {
            claim.release();
            held = before.claim;
        }
        Waiting request = new Waiting(
                userId,
                saleId,
                acceptedAt,
                partition,
                offset,
                position == null ? Long.MAX_VALUE : position.position(),
                System.nanoTime(),
                held);
        waiting.put(requestId, request);
        byUser.compute(userId, (user, ids) -> {
            Set<UUID> known = ids != null ? ids : ConcurrentHashMap.newKeySet();
            known.add(requestId);
            return known;
        });
        // The outcome may have been recorded before the acknowledgement that brought us here: the
        // outcome's listener records first and then calls decided(), so one of the two sees the other.
        if (outcomes.find(requestId).isPresent()) {
            forget(requestId, request);
        }
    }

    /** The request has its outcome (recorded in the outcome book first): it waits no more. */
    public void decided(UUID requestId) {
        Waiting request = waiting.get(requestId);
        if (request != null) {
            forget(requestId, request);
        }
    }

    /** The sale of a request that waits here, or of one already decided, as far as this instance knows. */
    public Optional<UUID> saleOf(UUID requestId) {
        Waiting request = waiting.get(requestId);
        if (request != null) {
            return Optional.of(request.saleId);
        }
        return outcomes.find(requestId).map(PurchaseDecided::saleId);
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
     * place moved forward since the last one sent; forgets requests that waited too long.
     */
    public void refresh(QueueProgress progress, BiConsumer<UUID, PurchaseUpdate> publish) {
        long now = System.nanoTime();
        waiting.forEach((requestId, request) -> {
            if (now - request.admittedNanos > staleAfterNanos) {
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

    /**
     * A place among the requests of {@code saleId} admitted here whose outcome is not heard yet, or
     * empty when {@code bound} of them already hold one. Give it back with {@link Claim#release} if
     * the request is not sent; once sent, {@link #admitted} keeps it until the outcome.
     */
    public Optional<Claim> claim(UUID saleId, int bound) {
        AtomicInteger held = claims.computeIfAbsent(saleId, s -> new AtomicInteger());
        while (true) {
            int now = held.get();
            if (now >= bound) {
                return Optional.empty();
            }
            if (held.compareAndSet(now, now + 1)) {
                return Optional.of(new Claim(held));
            }
        }
    }

    /** A claim that counts nothing: for a request that already holds one (a retry of a waiting request). */
    public static Claim unclaimed() {
        return new Claim(null);
    }

    /** The claims held at {@code saleId}: requests admitted here, outcome not heard yet. */
    public int claimed(UUID saleId) {
        AtomicInteger held = claims.get(saleId);
        return held == null ? 0 : held.get();
    }

    private void forget(UUID requestId, Waiting request) {
        if (waiting.remove(requestId, request)) {
            request.claim.release();
            byUser.computeIfPresent(request.userId, (user, ids) -> {
                ids.remove(requestId);
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    /** One request's place among its sale's claims; given back once, whatever calls first. */
    public static final class Claim {
        private final AtomicInteger held;
        private final AtomicBoolean released = new AtomicBoolean();

        private Claim(AtomicInteger held) {
            this.held = held;
        }

        public void release() {
            if (held != null && released.compareAndSet(false, true)) {
                held.decrementAndGet();
            }
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
        final Claim claim;
        volatile long lastPosition;

        Waiting(
                UUID userId,
                UUID saleId,
                Instant acceptedAt,
                int partition,
                long offset,
                long lastPosition,
                long admittedNanos,
                Claim claim) {
            this.userId = userId;
            this.saleId = saleId;
            this.acceptedAt = acceptedAt;
            this.partition = partition;
            this.offset = offset;
            this.lastPosition = lastPosition;
            this.admittedNanos = admittedNanos;
            this.claim = claim;
        }
    }
}
