package com.flashsale.orders.purchase;

/** Where a partition stands: the next offset to apply, and the offset below which outcomes are published. */
public record StoredOffsets(long next, long published) {}
