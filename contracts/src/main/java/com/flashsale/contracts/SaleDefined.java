package com.flashsale.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The current definition of a flash sale, published by catalog-service on every change (and
 * re-published at start) to the compacted {@link Topics#SALES} topic. Consumers keep the highest
 * {@code version} they have seen and drop the rest.
 *
 * <p>Version 2 added {@code listPrice} (the product's list price, for display) and {@code
 * cancelledAt} (when an admin cancelled the sale; null while it is not cancelled). Both are
 * optional: a version 1 record reads with them null, as a sale that was never cancelled.
 */
public record SaleDefined(
        int v,
        UUID saleId,
        UUID productId,
        String productName,
        BigDecimal price,
        String currency,
        int stock,
        Instant startsAt,
        Instant endsAt,
        long version,
        Instant changedAt,
        BigDecimal listPrice,
        Instant cancelledAt) {

    public static final int VERSION = 2;

    /** A definition without a list price that is not cancelled: the shape of version 1. */
    public SaleDefined(
            int v,
            UUID saleId,
            UUID productId,
            String productName,
            BigDecimal price,
            String currency,
            int stock,
            Instant startsAt,
            Instant endsAt,
            long version,
            Instant changedAt) {
        this(
                v,
                saleId,
                productId,
                productName,
                price,
                currency,
                stock,
                startsAt,
                endsAt,
                version,
                changedAt,
                null,
                null);
    }

    /** The sale's window [startsAt, endsAt). */
    public SaleWindow window() {
        return new SaleWindow(startsAt, endsAt);
    }

    /** Whether a purchase accepted at {@code at} lies inside the window (see {@link SaleWindow}). */
    public boolean isOpenAt(Instant at) {
        return window().isOpenAt(at);
    }

    /** Whether an admin cancelled the sale: it sells nothing more, whatever its window says. */
    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** The same definition, cancelled at {@code at}, as the next version. */
    public SaleDefined cancel(Instant at) {
        return new SaleDefined(
                v,
                saleId,
                productId,
                productName,
                price,
                currency,
                stock,
                startsAt,
                endsAt,
                version + 1,
                at,
                listPrice,
                at);
    }

    /** The same definition with another stock, as the next version. */
    public SaleDefined withStock(int newStock, Instant at) {
        return new SaleDefined(
                v,
                saleId,
                productId,
                productName,
                price,
                currency,
                newStock,
                startsAt,
                endsAt,
                version + 1,
                at,
                listPrice,
                cancelledAt);
    }
}
