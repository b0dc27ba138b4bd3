package com.flashsale.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies RS256 access tokens against the issuer's published keys (by {@code kid}) and the
 * accounts' current states. Verified tokens are cached until they expire, so a shopper who retries
 * does not pay for an RSA verification again (the purchase route is the hot path); a cached token
 * is still refused the moment its key is retired or its account changes.
 */
public final class TokenVerifier {

    private static final int MAX_CACHED = 200_000;
    private static final String RS256 = "RS256";
    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern EXPIRY = Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})[,}\\s]");

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

    /**
     * The user the token names, read from its payload WITHOUT checking anything but its shape and its
     * expiry: never proof of who calls. It lets a route answer what it would answer anybody (a sale
     * closed to everyone) before paying for a first sight, and see whether the named user holds
     * something there, which only a verified caller may hear (docs/adr/0017). Empty when the token is
     * not three dot-separated parts, its payload names no UUID subject, or it carries no expiry in
     * the future (such a token goes the whole way and is refused).
     */
    public Optional<UUID> claimedSubject(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || second - first > 2048 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(
                    Base64.getUrlDecoder().decode(token.substring(first + 1, second)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        Matcher subject = SUBJECT.matcher(payload);
        Matcher expiry = EXPIRY.matcher(payload);
        if (!subject.find() || !expiry.find()) {
            return Optional.empty();
        }
        if (Instant.ofEpochSecond(Long.parseLong(expiry.group(1))).isBefore(clock.instant())) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(subject.group(1)));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
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
