package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.RejectionReason;

/** The ledger's verdict on one request: confirmed (reason null) or rejected with a reason. */
public record Decision(PurchaseRequested request, long offset, RejectionReason reason) {

    public boolean confirmed() {
        return reason == null;
    }
}
