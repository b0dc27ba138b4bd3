package com.flashsale.auth;

import java.time.Instant;
import java.util.UUID;

/** The verified identity behind a request: who, in which role, and until when the token holds. */
public record Caller(UUID userId, String username, Role role, Instant expiresAt) {

    /** The roles of the platform. */
    public enum Role {
        USER,
        ADMIN
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
