package com.flashsale.edge.purchase;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import java.time.Instant;
import java.util.UUID;

/**
 * Where one purchase request stands, as its shopper sees it: queued (with a place in the queue when
 * known), or decided. The body of a poll answer and of each SSE event.
 */
public record PurchaseUpdate(
        UUID requestId,
        UUID saleId,
        PurchaseStatus status,
        RejectionReason reason,
        Instant decidedAt,
        Long position,
        Long estimatedWaitMs) {

    public static PurchaseUpdate of(PurchaseDecided outcome) {
        return new PurchaseUpdate(
                outcome.requestId(),
                outcome.saleId(),
                outcome.status(),
                outcome.reason(),
                outcome.decidedAt(),
                null,
                null);
    }

    public static PurchaseUpdate queued(UUID requestId, UUID saleId, QueuePosition position) {
        return new PurchaseUpdate(
                requestId,
                saleId,
                PurchaseStatus.QUEUED,
                null,
                null,
                position == null ? null : position.position(),
                position == null ? null : position.estimatedWaitMs());
    }

    // Not a bean getter on purpose: the JSON of an update carries only its fields.
    public boolean hasOutcome() {
        return status != PurchaseStatus.QUEUED;
    }

    /**
     * The SSE event id: one per request and status, and for a queued request one per place in the
     * queue (the place moves), so a client can drop repeats without dropping progress.
     */
    public String eventId() {
        return position == null ? requestId + ":" + status : requestId + ":" + status + ":" + position;
    }
}
