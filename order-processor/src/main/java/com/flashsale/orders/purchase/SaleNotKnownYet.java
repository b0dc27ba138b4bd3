package com.flashsale.orders.purchase;

import java.util.Set;
import java.util.UUID;

/** A batch names a sale whose definition has not arrived yet: the batch fails and is retried, never rejected. */
public class SaleNotKnownYet extends RuntimeException {

    SaleNotKnownYet(Set<UUID> saleIds) {
        super("sale definition not received yet for " + saleIds);
    }
}
