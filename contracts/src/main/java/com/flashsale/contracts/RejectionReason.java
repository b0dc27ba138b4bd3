package com.flashsale.contracts;

/** Why a purchase request was refused, at the edge or by order-processor. */
public enum RejectionReason {
    /** The sale has no units left. */
    SOLD_OUT,
    /** The shopper already holds a confirmed unit of this sale. */
    ALREADY_PURCHASED,
    /** The request was accepted outside the sale's window [start, end). */
    SALE_NOT_ACTIVE,
    /** An admin cancelled the sale before the request was applied. */
    SALE_CANCELLED
}
