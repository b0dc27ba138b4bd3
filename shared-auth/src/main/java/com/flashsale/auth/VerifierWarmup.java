package com.flashsale.auth;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the verification code on tokens of a throwaway key, before a service takes traffic, so that
 * the JIT has compiled it (jjwt, its JSON parsing, RSA's big-integer arithmetic) when the first real
 * shoppers arrive: on a fresh JVM the first thousand verifications cost several times a warm one
 * (docs/benchmarks.md). The key, its tokens and the verifier are never seen by anyone else.
 */
public final class VerifierWarmup {

    private static final int DISTINCT_TOKENS = 16;

    private VerifierWarmup() {}

    /** Verifies {@code verifications} tokens of a throwaway key, uncached; returns how many verified. */
    public static int run(int verifications) {
        KeyPair pair = JwtKeys.generate();
        String kid = "warmup-" + UUID.randomUUID();
        Instant now = Instant.now();
        SigningKey key = new SigningKey(kid, pair, now);
        TokenIssuer issuer = new TokenIssuer(() -> key, Duration.ofMinutes(5));
        TokenVerifier verifier = new TokenVerifier(
                new TrustedKeys(Map.of(kid, pair.getPublic())),
                new AccountStates(),
                Clock.systemUTC(),
                Duration.ofSeconds(30),
                unknown -> {});
        // A few signatures only (each costs a private-key operation); verifying them again and again
        // bypasses the cache, so every round runs the whole check.
        String[] tokens = new String[DISTINCT_TOKENS];
        for (int i = 0; i < tokens.length; i++) {
            Caller caller = new Caller(UUID.randomUUID(), "warmup" + i, Caller.Role.USER, null);
            tokens[i] = issuer.issue(caller, now).token();
        }
        int verified = 0;
        for (int i = 0; i < verifications; i++) {
            TokenVerifier.Verified checked = verifier.check(tokens[i % tokens.length]);
            if (checked != null && verifier.admitted(checked).isPresent()) {
                verified++;
            }
        }
        return verified;
    }
}
