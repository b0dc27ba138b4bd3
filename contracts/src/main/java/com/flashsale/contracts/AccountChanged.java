package com.flashsale.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * An account's standing after an administrator changed it, published by catalog-service to the
 * compacted {@link Topics#ACCOUNTS} topic. Tokens of the account issued before
 * {@code tokensValidFrom} no longer hold; consumers keep the highest {@code version} they saw.
 *
 * @param role {@code USER} or {@code ADMIN}
 */
public record AccountChanged(
        int v, UUID userId, String role, boolean enabled, Instant tokensValidFrom, long version, Instant changedAt) {

    public static final int VERSION = 1;
}
