package com.flashsale.edge.purchase;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.edge.sale.SaleDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Admitting a purchase at the edge: the shopper's limits, the sale as this edge knows it, an
 * earlier request named by the same idempotency key, the window, stock and one-per-shopper rules
 * ({@link PurchaseAdmission}), the in-flight and send windows. What it decides comes back as a value;
 * an admitted purchase carries what must happen once Kafka holds it ({@link Admitted#queued}).
 */
public final class PurchaseAdmissions {

    private final SaleDirectory sales;
    private final OutcomeBook outcomes;
    private final WaitingPurchases waiting;
    private final QueueProgress queue;
    private final ShopperChannels channels;
    private final RequestIds requestIds;
    private final ShopperLimits limits;
    private final SendWindow sends;
    private final EdgeRefusals refusals;
    private final ClaimBound claims;

    public PurchaseAdmissions(
            SaleDirectory sales,
            OutcomeBook outcomes,
            WaitingPurchases waiting,
            QueueProgress queue,
            ShopperChannels channels,
            RequestIds requestIds,
            ShopperLimits limits,
            SendWindow sends,
            EdgeRefusals refusals,
            ClaimBound claims) {
        this.sales = sales;
        this.outcomes = outcomes;
        this.waiting = waiting;
        this.queue = queue;
        this.channels = channels;
        this.requestIds = requestIds;
        this.limits = limits;
        this.sends = sends;
        this.refusals = refusals;
        this.claims = claims;
    }

    /**
     * Judges the purchase of one unit of {@code saleId} by {@code shopper} at {@code now} (the edge's
     * clock: this instant travels with the request). {@code idempotencyKey} is null or well-formed.
     */
    public Admission admit(UUID shopper, UUID saleId, String idempotencyKey, Instant now) {
        // Checked first and cheaply: a shopper hammering the route costs the edge little.
        Optional<Duration> wait = limits.spend(shopper);
        if (wait.isPresent()) {
            return turnedAway(saleId, TurnedAway.Why.TOO_MANY_REQUESTS, wait.get());
        }
        SaleDefined sale = sales.find(saleId).orElse(null);
        if (sale == null) {
            return new TurnedAway(TurnedAway.Why.SALE_NOT_FOUND, null);
        }
        UUID requestId = null;
        if (idempotencyKey != null) {
            // A key may name a request made before: its answer comes first, whatever the sale is now.
            requestId = requestIds.derive(shopper, idempotencyKey);
            if (!waiting.saleOf(requestId).orElse(saleId).equals(saleId)) {
                return turnedAway(saleId, TurnedAway.Why.IDEMPOTENCY_KEY_REUSED, null);
            }
            PurchaseDecided known = outcomes.find(requestId).orElse(null);
            if (known != null) {
                // A retry of a request already decided: the same answer, never a second order.
                return new AlreadyDecided(known);
            }
        }
        RejectionReason refusal =
                PurchaseAdmission.refusal(sale, now, sales.remaining(saleId), outcomes.hasBought(saleId, shopper));
        if (refusal != null) {
            refusals.count(saleId, refusal.name());
            return new Refused(refusal, saleId);
        }
        // A retry of a request that waits here holds its claim already; any other takes one, if a unit is left to
        // claim.
        boolean waitsHere = requestId != null && waiting.saleOf(requestId).isPresent();
        WaitingPurchases.Claim claim = waitsHere
                ? WaitingPurchases.unclaimed()
                : waiting.claim(saleId, claimBound(sale, sales.remaining(saleId)))
                        .orElse(null);
        if (claim == null) {
            return turnedAway(saleId, TurnedAway.Why.UNITS_CLAIMED, Duration.ofSeconds(1));
        }
        ShopperLimits.Slot slot = limits.enter(shopper, saleId).orElse(null);
        if (slot == null) {
            claim.release();
            return turnedAway(saleId, TurnedAway.Why.TOO_MANY_IN_FLIGHT, Duration.ofSeconds(1));
        }
        ShopperLimits.Slot send = sends.enter().orElse(null);
        if (send == null) {
            claim.release();
            slot.close();
            // Kafka is not keeping up: turned away before anything was sent, so the answer is certain.
            return new TurnedAway(TurnedAway.Why.OVERLOADED, Duration.ofSeconds(1));
        }
        UUID admittedId = requestId != null ? requestId : requestIds.fresh(shopper);
        return new Admitted(
                new PurchaseRequested(PurchaseRequested.VERSION, admittedId, saleId, shopper, now),
                sales.isRehearsal(saleId),
                slot,
                send,
                claim);
    }

    /** The claims bound of a sale with {@code remaining} units left (the stock until order-processor reported it). */
    int claimBound(SaleDefined sale, Integer remaining) {
        return claims.forUnitsLeft(remaining != null ? remaining : sale.stock());
    }

    /**
     * The refusal anybody would get, judged before the token is checked (docs/adr/0017): the sale is
     * cancelled, outside its window at {@code now}, or sold out as this edge last heard. Empty when the
     * sale is open or unknown here. {@link Closed#claimedHolds} tells whether {@code claimedShopper}
     * (the user the token names, not yet proven) holds something at this sale that only a verified
     * caller may hear of: an order, or a request under this {@code idempotencyKey} (null or
     * well-formed), waiting or decided. Nothing is spent of the shopper's limits, nothing is counted
     * (see {@link #refuse}).
     */
    public Optional<Closed> closedToEveryone(UUID claimedShopper, UUID saleId, String idempotencyKey, Instant now) {
        SaleDefined sale = sales.find(saleId).orElse(null);
        if (sale == null) {
            return Optional.empty();
        }
        RejectionReason refusal = PurchaseAdmission.refusal(sale, now, sales.remaining(saleId), false);
        if (refusal == null) {
            return Optional.empty();
        }
        boolean holds = outcomes.hasBought(saleId, claimedShopper);
        if (!holds && idempotencyKey != null) {
            UUID requestId = requestIds.derive(claimedShopper, idempotencyKey);
            holds = waiting.saleOf(requestId).isPresent()
                    || outcomes.find(requestId).isPresent();
        }
        return Optional.of(new Closed(new Refused(refusal, saleId), holds));
    }

    /** Answers a sale's refusal to everyone: counted as any refusal. */
    public Refused refuse(Closed closed) {
        refusals.count(closed.refusal().saleId(), closed.refusal().reason().name());
        return closed.refusal();
    }

    /** Counts a refusal answered for a known sale before admission was asked (a malformed request). */
    public void refusedBeforeAdmission(UUID saleId, String reason) {
        if (sales.find(saleId).isPresent()) {
            refusals.count(saleId, reason);
        }
    }

    private TurnedAway turnedAway(UUID saleId, TurnedAway.Why why, Duration retryAfter) {
        refusedBeforeAdmission(saleId, why.name());
        return new TurnedAway(why, retryAfter);
    }

    /**
     * How many requests of a sale this edge lets wait for their outcome at once: {@code perUnit} per
     * unit left, never fewer than {@code atLeast}. Past it, every unit left is spoken for by requests
     * ahead, most of which will take one: a further request would cost the pipeline its work while the
     * stock goes, only to be refused (docs/adr/0018).
     */
    public record ClaimBound(double perUnit, int atLeast) {
        public ClaimBound {
            if (!(perUnit >= 1) || atLeast < 1) {
                throw new IllegalArgumentException("claims per unit must be >= 1 and the least bound >= 1");
            }
        }

        int forUnitsLeft(int left) {
            return (int) Math.max(atLeast, Math.min(Integer.MAX_VALUE, Math.ceil(perUnit * left)));
        }
    }

    /** What admission decided. */
    public sealed interface Admission permits Admitted, AlreadyDecided, Refused, TurnedAway {}

    /**
     * A sale closed to everyone, and whether the user a token names holds something there.
     *
     * @param refusal what anybody is answered
     * @param claimedHolds true when the named user has an order or a request under the key here: only
     *     a verified caller hears what the rules say of it
     */
    public record Closed(Refused refusal, boolean claimedHolds) {}

    /** Refused by the sale's rules as this edge knows them: the storm's commonest answer (409). */
    public record Refused(RejectionReason reason, UUID saleId) implements Admission {}

    /** A retry of a request already decided: its outcome. */
    public record AlreadyDecided(PurchaseDecided outcome) implements Admission {}

    /** Not judged on the sale's rules: the shopper, the key or the edge's capacity; nothing was done. */
    public record TurnedAway(Why why, Duration retryAfter) implements Admission {

        /** Why, each with its own answer at the route. */
        public enum Why {
            TOO_MANY_REQUESTS,
            TOO_MANY_IN_FLIGHT,
            SALE_NOT_FOUND,
            IDEMPOTENCY_KEY_REUSED,
            OVERLOADED,
            /** Every unit left is claimed by requests waiting here (docs/adr/0018): 503, retry in a second. */
            UNITS_CLAIMED
        }
    }

    /** Admitted: to be sent to Kafka, then {@link #queued}; {@link #release} in any case once the send ended. */
    public final class Admitted implements Admission {

        private final PurchaseRequested purchase;
        private final boolean rehearsal;
        private final ShopperLimits.Slot inFlight;
        private final ShopperLimits.Slot send;
        private final WaitingPurchases.Claim claim;
        private volatile boolean waits;

        private Admitted(
                PurchaseRequested purchase,
                boolean rehearsal,
                ShopperLimits.Slot inFlight,
                ShopperLimits.Slot send,
                WaitingPurchases.Claim claim) {
            this.purchase = purchase;
            this.rehearsal = rehearsal;
            this.inFlight = inFlight;
            this.send = send;
            this.claim = claim;
        }

        public PurchaseRequested purchase() {
            return purchase;
        }

        /**
         * True for a purchase of the warm-up's made-up sale (docs/adr/0019): sent to the rehearsals topic,
         * which order-processor never reads, and placed in no queue.
         */
        public boolean rehearsal() {
            return rehearsal;
        }

        /**
         * Kafka holds it at {@code offset} of {@code partition}: it waits for its outcome here, and the
         * shopper's streams hear that it is queued, with its place.
         */
        public PurchaseUpdate queued(int partition, long offset) {
            // A rehearsal's offsets are of a topic of its own: no place in a queue of purchases.
            QueuePosition position = rehearsal ? null : queue.positionOf(partition, offset);
            waits = true;
            PurchaseUpdate update = PurchaseUpdate.queued(purchase.requestId(), purchase.saleId(), position);
            channels.publish(purchase.userId(), update);
            waiting.admitted(
                    claim,
                    purchase.requestId(),
                    purchase.userId(),
                    purchase.saleId(),
                    purchase.acceptedAt(),
                    partition,
                    offset,
                    position);
            return update;
        }

        /**
         * The shopper's in-flight slot and the send window's, given back; and the sale's claim, unless
         * the request was {@link #queued} (it then holds the claim until its outcome).
         */
        public void release() {
            send.close();
            inFlight.close();
            if (!waits) {
                claim.release();
            }
        }
    }
}
