package com.flashsale.auth;

import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/** Signs RS256 access tokens whose subject is the user id and which carry the username, role and kid. */
public final class TokenIssuer {

    static final String ISSUER = "flashsale";
    static final String USERNAME_CLAIM = "username";
    static final String ROLE_CLAIM = "role";

    private final Supplier<SigningKey> key;
    private final Duration lifetime;

    /** @param key the key that signs now (it changes when the keys rotate) */
    public TokenIssuer(Supplier<SigningKey> key, Duration lifetime) {
        this.key = key;
        this.lifetime = lifetime;
    }

    /** A signed token for {@code caller}, valid from {@code now} for the configured lifetime. */
    public IssuedToken issue(Caller caller, Instant now) {
        Instant expiresAt = now.plus(lifetime);
        SigningKey signing = key.get();
        String token = Jwts.builder()
                .header()
                .keyId(signing.kid())
                .and()
                .issuer(ISSUER)
                .subject(caller.userId().toString())
                .claim(USERNAME_CLAIM, caller.username())
                .claim(ROLE_CLAIM, caller.role().name())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(signing.pair().getPrivate(), Jwts.SIG.RS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    /** A signed token and the instant it stops being accepted. */
    public record IssuedToken(String token, Instant expiresAt) {}
}
