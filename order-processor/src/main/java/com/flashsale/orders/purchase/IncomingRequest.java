package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseRequested;

/** One record of the purchase-requests topic as read: a request, or something that cannot be one. */
public sealed interface IncomingRequest {

    long offset();

    /** A well-formed purchase request at its offset. */
    record Readable(long offset, PurchaseRequested request) implements IncomingRequest {}

    /** A record that could not be parsed: recorded as a dead letter and skipped, never stalling its partition. */
    record Unreadable(long offset, String key, String payload, String error) implements IncomingRequest {}
}
