package com.flashsale.auth;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signs RS256 access tokens whose subject is the user id and which carry the username and role. */
public final class TokenIssuer {

    static final String ISSUER = "flashsale";
    static final String USERNAME_CLAIM = "username";
    static final String ROLE_CLAIM = "role";

    private final PrivateKey key;
    private final Duration lifetime;

    public TokenIssuer(PrivateKey key, Duration lifetime) {
        this.key = key;
        this.lifetime = lifetime;
    }

    /** A signed token for {@code caller}, valid from {@code now} for the configured lifetime. */
    public IssuedToken issue(Caller caller, Instant now) {
        Instant expiresAt = now.plus(lifetime);
        String token = Jwts.builder()
                .issuer(ISSUER)
                .subject(caller.userId().toString())
                .claim(USERNAME_CLAIM, caller.username())
                .claim(ROLE_CLAIM, caller.role().name())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    /** A signed token and the instant it stops being accepted. */
    public record IssuedToken(String token, Instant expiresAt) {}
}
