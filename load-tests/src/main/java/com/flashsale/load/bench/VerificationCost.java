package com.flashsale.load.bench;

import com.flashsale.auth.AccountStates;
import com.flashsale.auth.Caller;
import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.auth.TrustedKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the first sight of a token costs, in CPU time of one thread (so a busy machine disturbs it
 * little): the edge's verifier (jjwt) against a bare {@code java.security.Signature} check of the same
 * RS256 tokens, each distinct, per block of 1,000 from a fresh JVM. Run one mode per JVM:
 * {@code java -cp ... com.flashsale.load.bench.VerificationCost jjwt|signature [tokens]}.
 */
public final class VerificationCost {

    private static final int BLOCK = 1_000;

    private VerificationCost() {}

    public static void main(String[] args) throws GeneralSecurityException {
        String mode = args.length > 0 ? args[0] : "jjwt";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        KeyPair pair = JwtKeys.generate();
        SigningKey key = new SigningKey("20261201T000000Z-0001", pair, Instant.now());
        TokenIssuer issuer = new TokenIssuer(() -> key, Duration.ofHours(1));
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Caller caller = new Caller(UUID.randomUUID(), "shopper-" + i, Caller.Role.USER, null);
            tokens.add(issuer.issue(caller, Instant.now()).token());
        }
        TokenVerifier verifier = new TokenVerifier(
                new TrustedKeys(Map.of(key.kid(), pair.getPublic())),
                new AccountStates(),
                Clock.systemUTC(),
                Duration.ofSeconds(30),
                kid -> {});
        Signature rsa = Signature.getInstance("SHA256withRSA");
        Base64.Decoder base64 = Base64.getUrlDecoder();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder blocks = new StringBuilder();
        int verified = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i);
            if (mode.equals("jjwt")) {
                verified += verifier.verify(token).isPresent() ? 1 : 0;
            } else {
                int payload = token.indexOf('.');
                int signature = token.indexOf('.', payload + 1);
                rsa.initVerify(pair.getPublic());
                rsa.update(token.substring(0, signature).getBytes(StandardCharsets.US_ASCII));
                byte[] claims = base64.decode(token.substring(payload + 1, signature));
                verified += rsa.verify(base64.decode(token.substring(signature + 1))) && claims.length > 0 ? 1 : 0;
            }
            if ((i + 1) % BLOCK == 0) {
                long now = threads.getCurrentThreadCpuTime();
                blocks.append(String.format(" %.0f", (now - start) / 1e3 / BLOCK));
                start = now;
            }
        }
        System.out.printf(
                "%s: %,d of %,d verified; us of CPU per token, by block of %,d:%s%n",
                mode, verified, count, BLOCK, blocks);
    }
}
