package com.flashsale.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RS256 access tokens with the issuer's public key. Verified tokens are cached until
 * they expire, so a shopper who retries does not pay for an RSA verification again: the purchase
 * route is the hot path.
 */
public final class TokenVerifier {

    private static final int MAX_CACHED = 200_000;

    private final JwtParser parser;
    private final Clock clock;
    private final ConcurrentHashMap<String, Caller> verified = new ConcurrentHashMap<>();

    public TokenVerifier(PublicKey key, Clock clock) {
        // Built once: building a parser is far dearer than using one.
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(TokenIssuer.ISSUER)
                .clock(() -> java.util.Date.from(clock.instant()))
                .build();
        this.clock = clock;
    }

    /** The caller the token proves, or empty when it is malformed, forged or expired. */
    public Optional<Caller> verify(String token) {
        Instant now = clock.instant();
        Caller cached = verified.get(token);
        if (cached != null) {
            if (now.isBefore(cached.expiresAt())) {
                return Optional.of(cached);
            }
            verified.remove(token);
            return Optional.empty();
        }
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            Caller caller = new Caller(
                    UUID.fromString(claims.getSubject()),
                    claims.get(TokenIssuer.USERNAME_CLAIM, String.class),
                    Caller.Role.valueOf(claims.get(TokenIssuer.ROLE_CLAIM, String.class)),
                    claims.getExpiration().toInstant());
            remember(token, caller, now);
            return Optional.of(caller);
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private void remember(String token, Caller caller, Instant now) {
        if (verified.size() >= MAX_CACHED) {
            // Bounded memory: drop what has expired; if the cache is still full, start afresh.
            verified.values().removeIf(c -> !now.isBefore(c.expiresAt()));
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
        }
        verified.put(token, caller);
    }
}
