package com.flashsale.edge.sale;

import com.flashsale.contracts.SaleDefined;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A sale as shoppers see it: the definition, the live remaining stock and the status now. */
public record SaleView(
        UUID id,
        UUID productId,
        String productName,
        BigDecimal price,
        String currency,
        int stock,
        Integer remaining,
        Instant startsAt,
        Instant endsAt,
        Status status) {

    /** Where a sale stands at a given instant. */
    public enum Status {
        UPCOMING,
        ACTIVE,
        SOLD_OUT,
        ENDED
    }

    public static SaleView of(SaleDefined sale, Integer remaining, Instant now) {
        Status status;
        if (now.isBefore(sale.startsAt())) {
            status = Status.UPCOMING;
        } else if (!now.isBefore(sale.endsAt())) {
            status = Status.ENDED;
        } else if (remaining != null && remaining <= 0) {
            status = Status.SOLD_OUT;
        } else {
            status = Status.ACTIVE;
        }
        return new SaleView(
                sale.saleId(),
                sale.productId(),
                sale.productName(),
                sale.price(),
                sale.currency(),
                sale.stock(),
                remaining == null ? sale.stock() : remaining,
                sale.startsAt(),
                sale.endsAt(),
                status);
    }
}
