package com.flashsale.catalog.sale;

import com.flashsale.contracts.SaleDefined;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A limited stock of one product at a sale price, open in the window [startsAt, endsAt) unless
 * cancelled. {@code unitsSold} is what order-processor last reported having sold.
 */
public record FlashSale(
        UUID id,
        UUID productId,
        String productName,
        BigDecimal listPrice,
        BigDecimal price,
        String currency,
        int stock,
        int unitsSold,
        Instant startsAt,
        Instant endsAt,
        Instant cancelledAt,
        long version) {

    /** A new sale, not cancelled, nothing sold yet. */
    public FlashSale(
            UUID id,
            UUID productId,
            String productName,
            BigDecimal price,
            String currency,
            int stock,
            Instant startsAt,
            Instant endsAt,
            long version) {
        this(id, productId, productName, null, price, currency, stock, 0, startsAt, endsAt, null, version);
    }

    /** Over: ended or cancelled. An over sale cannot be changed any more. */
    public boolean isOverAt(Instant now) {
        return cancelledAt != null || !now.isBefore(endsAt);
    }

    /** The message that tells the other services what this sale is now. */
    public SaleDefined asEvent(Instant now) {
        return new SaleDefined(
                SaleDefined.VERSION,
                id,
                productId,
                productName,
                price,
                currency,
                stock,
                startsAt,
                endsAt,
                version,
                now,
                listPrice,
                cancelledAt);
    }
}
