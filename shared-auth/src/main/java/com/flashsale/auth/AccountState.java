package com.flashsale.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What an account is now, as catalog-service last published it: whether it may sign in, its role,
 * and the instant from which its tokens count (every change of role or of the enabled flag moves it,
 * so tokens issued before are refused).
 */
public record AccountState(UUID userId, Caller.Role role, boolean enabled, Instant tokensValidFrom, long version) {

    /** Whether a token with this role, issued at {@code issuedAt} (whole seconds, as in a JWT), still holds. */
    public boolean admits(Caller.Role tokenRole, Instant issuedAt) {
        // iat has whole seconds: a token of the same second as the change passes only with the new role.
        return enabled && tokenRole == role && !issuedAt.isBefore(tokensValidFrom.truncatedTo(ChronoUnit.SECONDS));
    }
}
