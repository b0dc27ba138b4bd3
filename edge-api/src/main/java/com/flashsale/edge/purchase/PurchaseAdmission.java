package com.flashsale.edge.purchase;

import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import java.time.Instant;

/**
 * The edge's checks on a purchase, as far as this instance knows: not cancelled, the window at the
 * moment of acceptance, the stock it last heard of, and the shopper's earlier confirmed purchase. What it
 * admits, order-processor still decides; what it refuses never reaches Kafka.
 */
public final class PurchaseAdmission {

    private PurchaseAdmission() {}

    /**
     * The reason to refuse at once, or null to admit.
     *
     * @param remaining units left as last reported by order-processor, or null if not heard yet
     */
    public static RejectionReason refusal(SaleDefined sale, Instant now, Integer remaining, boolean alreadyBought) {
        if (sale.cancelled()) {
            return RejectionReason.SALE_CANCELLED;
        }
        if (!sale.isOpenAt(now)) {
            return RejectionReason.SALE_NOT_ACTIVE;
        }
        if (alreadyBought) {
            return RejectionReason.ALREADY_PURCHASED;
        }
        if (remaining != null && remaining <= 0) {
            return RejectionReason.SOLD_OUT;
        }
        return null;
    }
}
