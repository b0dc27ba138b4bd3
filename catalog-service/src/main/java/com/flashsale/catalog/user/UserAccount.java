package com.flashsale.catalog.user;

import com.flashsale.auth.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who may sign in: a shopper ({@code USER}) or an administrator, with their standing
 * (enabled or not) and the instant from which their tokens hold.
 */
public record UserAccount(
        UUID id,
        String username,
        String passwordHash,
        Caller.Role role,
        boolean enabled,
        Instant tokensValidFrom,
        long version,
        Instant createdAt) {

    /** A new, enabled account at version 1. */
    public static UserAccount create(UUID id, String username, String passwordHash, Caller.Role role) {
        return new UserAccount(id, username, passwordHash, role, true, null, 1, null);
    }

    public Caller asCaller() {
        return new Caller(id, username, role, null);
    }
}
