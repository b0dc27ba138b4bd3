package com.flashsale.edge.purchase;

import com.flashsale.contracts.PurchaseStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * One purchase request in a history: still queued, or decided, with its order's id, price and
 * currency when confirmed. The reason is kept as text, so a reason this edge does not know yet
 * (a newer order-processor) is shown rather than failing the page.
 */
public record PurchaseEntry(
        UUID requestId,
        UUID saleId,
        UUID userId,
        PurchaseStatus status,
        String reason,
        BigDecimal pricePaid,
        String currency,
        Instant acceptedAt,
        Instant decidedAt,
        UUID orderId) {

    /** Newest request first; the id breaks ties so that pages never overlap. */
    public static final Comparator<PurchaseEntry> NEWEST_FIRST = Comparator.comparing(PurchaseEntry::acceptedAt)
            .thenComparing(PurchaseEntry::requestId)
            .reversed();

    public static PurchaseEntry queued(UUID userId, WaitingPurchases.Queued request) {
        return new PurchaseEntry(
                request.requestId(),
                request.saleId(),
                userId,
                PurchaseStatus.QUEUED,
                null,
                null,
                null,
                request.acceptedAt(),
                null,
                null);
    }
}
