package com.flashsale.orders.purchase;

import com.flashsale.contracts.SaleWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What the ledger needs to know of one sale: its window, its price, the units left and whether it is cancelled. */
public record SaleState(
        UUID saleId,
        int stock,
        int remaining,
        BigDecimal price,
        String currency,
        Instant startsAt,
        Instant endsAt,
        boolean cancelled) {

    /** A sale that is not cancelled. */
    public SaleState(
            UUID saleId,
            int stock,
            int remaining,
            BigDecimal price,
            String currency,
            Instant startsAt,
            Instant endsAt) {
        this(saleId, stock, remaining, price, currency, startsAt, endsAt, false);
    }

    /** The sale's window [startsAt, endsAt). */
    public SaleWindow window() {
        return new SaleWindow(startsAt, endsAt);
    }
}
