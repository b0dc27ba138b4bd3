package com.flashsale.catalog.user;

import com.flashsale.auth.Caller;
import java.time.Instant;
import java.util.UUID;

/** A person who may sign in: a shopper ({@code USER}) or an administrator. */
public record UserAccount(UUID id, String username, String passwordHash, Caller.Role role, Instant createdAt) {

    public Caller asCaller() {
        return new Caller(id, username, role, null);
    }
}
