package com.flashsale.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Verifies RS256 access tokens against the issuer's published keys (by {@code kid}) and the
 * accounts' current states. Verified tokens are cached until they expire, so a shopper who retries
 * does not pay for an RSA verification again (the purchase route is the hot path); a cached token
 * is still refused the moment its key is retired or its account changes.
 */
public final class TokenVerifier {

    private static final int MAX_CACHED = 200_000;
    private static final String RS256 = "RS256";

    private final JwtParser parser;
    private final TrustedKeys keys;
    private final AccountStates accounts;
    private final Clock clock;
    private final Duration skew;
    private final Consumer<String> unknownKid;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param skew how far the clocks of issuer and verifier may differ (expiry and issue time)
     * @param unknownKid told of a token naming a key not trusted (yet): a hint to refresh the key set
     */
    public TokenVerifier(
            TrustedKeys keys, AccountStates accounts, Clock clock, Duration skew, Consumer<String> unknownKid) {
        this.keys = keys;
        this.accounts = accounts;
        this.clock = clock;
        this.skew = skew;
        this.unknownKid = unknownKid;
        // Built once: building a parser is far dearer than using one. Unsecured (alg none) tokens are
        // refused by jjwt's defaults; the locator refuses every algorithm but RS256 and unknown kids.
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        if (!RS256.equals(header.getAlgorithm())) {
                            throw new io.jsonwebtoken.security.UnsupportedKeyException(
                                    "only RS256 tokens are accepted");
                        }
                        Key key = keys.find(header.getKeyId());
                        if (key == null) {
                            unknownKid.accept(header.getKeyId());
                            throw new io.jsonwebtoken.security.UnsupportedKeyException("unknown key id");
                        }
                        return key;
                    }
                })
                .requireIssuer(TokenIssuer.ISSUER)
                .clockSkewSeconds(skew.toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** The caller the token proves, or empty when it is malformed, forged, expired, retired or revoked. */
    public Optional<Caller> verify(String token) {
        Instant now = clock.instant();
        Verified cached = verified.get(token);
        if (cached != null) {
            if (now.isBefore(cached.caller().expiresAt().plus(skew)) && keys.trusts(cached.kid())) {
                return admitted(cached);
            }
            verified.remove(token);
            return Optional.empty();
        }
        Verified fresh = check(token);
        if (fresh == null) {
            return Optional.empty();
        }
        remember(token, fresh, now);
        return admitted(fresh);
    }

    /**
     * Whether {@link #verify} would answer this token from its cache, without a signature check: a map
     * look-up, so that a caller can keep the dear first sight of a token off a thread that must not wait.
     */
    public boolean remembers(String token) {
        return verified.containsKey(token);
    }

    /** The token's signature, algorithm, key and claims checked, never cached; null when any is wrong. */
    Verified check(String token) {
        try {
            var jws = parser.parseSignedClaims(token);
            Claims claims = jws.getPayload();
            if (claims.getExpiration() == null || claims.getIssuedAt() == null) {
                return null;
            }
            return new Verified(
                    new Caller(
                            UUID.fromString(claims.getSubject()),
                            claims.get(TokenIssuer.USERNAME_CLAIM, String.class),
                            Caller.Role.valueOf(claims.get(TokenIssuer.ROLE_CLAIM, String.class)),
                            claims.getExpiration().toInstant()),
                    jws.getHeader().getKeyId(),
                    claims.getIssuedAt().toInstant());
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    Optional<Caller> admitted(Verified token) {
        return accounts.admits(token.caller(), token.issuedAt()) ? Optional.of(token.caller()) : Optional.empty();
    }

    private void remember(String token, Verified fresh, Instant now) {
        if (verified.size() >= MAX_CACHED) {
            // Bounded memory: drop what has expired; if the cache is still full, start afresh.
            verified.values().removeIf(v -> !now.isBefore(v.caller().expiresAt()));
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
        }
        verified.put(token, fresh);
    }

    record Verified(Caller caller, String kid, Instant issuedAt) {}
}
