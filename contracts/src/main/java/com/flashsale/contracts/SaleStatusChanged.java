package com.flashsale.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A sale's remaining stock after order-processor applied a batch, keyed by sale id on the
 * compacted {@link Topics#SALE_STATUS} topic. {@code appliedOffset} is the next offset to apply in
 * the sale's request partition, from which the edge tells a shopper their place in the queue.
 */
public record SaleStatusChanged(
        int v,
        UUID saleId,
        int stock,
        int remaining,
        int partition,
        long appliedOffset,
        double appliedPerSecond,
        Instant changedAt) {

    public static final int VERSION = 1;
}
