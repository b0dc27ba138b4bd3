package com.flashsale.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A purchase request admitted by edge-api, keyed by sale id on {@link Topics#PURCHASE_REQUESTS}.
 * {@code acceptedAt} is the edge's clock at admission: the sale window is judged against it, not
 * against the time the request is applied.
 */
public record PurchaseRequested(int v, UUID requestId, UUID saleId, UUID userId, Instant acceptedAt) {

    public static final int VERSION = 1;
}
