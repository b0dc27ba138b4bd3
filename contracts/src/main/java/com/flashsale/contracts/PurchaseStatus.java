package com.flashsale.contracts;

/** Where a purchase request stands: queued until order-processor decides it. */
public enum PurchaseStatus {
    QUEUED,
    CONFIRMED,
    REJECTED
}
