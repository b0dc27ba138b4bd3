package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import java.time.Instant;

/** The ledger's verdict on one request: confirmed (reason null) or rejected with a reason. */
public record Decision(PurchaseRequested request, long offset, RejectionReason reason) {

    public boolean confirmed() {
        return reason == null;
    }

    /** The verdict as the outcomes topic carries it, decided at {@code decidedAt}. */
    public PurchaseDecided outcome(Instant decidedAt) {
        return new PurchaseDecided(
                PurchaseDecided.VERSION,
                request.requestId(),
                request.saleId(),
                request.userId(),
                confirmed() ? PurchaseStatus.CONFIRMED : PurchaseStatus.REJECTED,
                reason,
                request.acceptedAt(),
                decidedAt);
    }
}
