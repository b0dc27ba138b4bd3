package com.flashsale.catalog.sale;

import com.flashsale.contracts.SaleDefined;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A limited stock of one product at a sale price, open in the window [startsAt, endsAt). */
public record FlashSale(
        UUID id,
        UUID productId,
        String productName,
        BigDecimal price,
        String currency,
        int stock,
        Instant startsAt,
        Instant endsAt,
        long version) {

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
                now);
    }
}
