package com.flashsale.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The current definition of a flash sale, published by catalog-service on every change (and
 * re-published at start) to the compacted {@link Topics#SALES} topic. Consumers keep the highest
 * {@code version} they have seen and drop the rest.
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
        Instant changedAt) {

    public static final int VERSION = 1;

    /** Whether a purchase accepted at {@code at} lies inside the window [startsAt, endsAt). */
    public boolean isOpenAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
