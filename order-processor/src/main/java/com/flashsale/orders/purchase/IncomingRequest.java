package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseRequested;

/** One record of the purchase-requests topic as read: a request, or something that cannot be one. */
public sealed interface IncomingRequest {

    long offset();

    /** A well-formed purchase request at its offset. */
    record Readable(long offset, PurchaseRequested request) implements IncomingRequest {}

    /**
     * A record that could not be parsed: recorded as a dead letter with its raw key and payload bytes
     * (either may be null) and skipped, never stalling its partition.
     */
    record Unreadable(long offset, byte[] key, byte[] payload, String error) implements IncomingRequest {}
}
