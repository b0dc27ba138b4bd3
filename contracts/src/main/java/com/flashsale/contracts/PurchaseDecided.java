package com.flashsale.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The final outcome of one purchase request, published by order-processor after its commit to
 * {@link Topics#PURCHASE_OUTCOMES}, keyed by user id. Delivered at least once: consumers drop
 * duplicates by {@code requestId}.
 */
public record PurchaseDecided(
        int v,
        UUID requestId,
        UUID saleId,
        UUID userId,
        PurchaseStatus status,
        RejectionReason reason,
        Instant acceptedAt,
        Instant decidedAt) {

    public static final int VERSION = 1;

    public boolean confirmed() {
        return status == PurchaseStatus.CONFIRMED;
    }
}
