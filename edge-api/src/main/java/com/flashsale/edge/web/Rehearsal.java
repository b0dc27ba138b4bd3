package com.flashsale.edge.web;

import com.flashsale.auth.Caller;
import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.auth.TrustedKeys;
import com.flashsale.contracts.SaleDefined;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The made-up shoppers of a fresh edge's warm-up, signed in with a throwaway key the edge trusts
 * only until {@link #close}, and the made-up sales they press "Buy" on. Each step of the warm-up
 * ({@link StartupRehearsal}) uses the same shoppers, so that signing (a private-key operation each)
 * is paid once.
 */
public final class Rehearsal implements AutoCloseable {

    private final List<Caller> shoppers;
    private final List<String> tokens;
    private final TrustedKeys.Lease lease;

    private Rehearsal(List<Caller> shoppers, List<String> tokens, TrustedKeys.Lease lease) {
        this.shoppers = shoppers;
        this.tokens = tokens;
        this.lease = lease;
    }

    /** {@code count} made-up shoppers with tokens valid for a few minutes, trusted by {@code keys} until closed. */
    public static Rehearsal signIn(TrustedKeys keys, int count, Instant now) {
        KeyPair pair = JwtKeys.generate();
        String kid = "rehearsal-" + UUID.randomUUID();
        SigningKey signing = new SigningKey(kid, pair, now);
        TokenIssuer issuer = new TokenIssuer(() -> signing, Duration.ofMinutes(5));
        List<Caller> shoppers = IntStream.range(0, count)
                .mapToObj(i -> new Caller(UUID.randomUUID(), "rehearsal" + i, Caller.Role.USER, null))
                .toList();
        // Signing is the dear part: on every core at once.
        List<String> tokens = shoppers.parallelStream()
                .map(shopper -> issuer.issue(shopper, now).token())
                .toList();
        return new Rehearsal(shoppers, tokens, keys.lend(kid, pair.getPublic()));
    }

    /** The {@code i}-th shopper, round the list. */
    public Caller shopper(int i) {
        return shoppers.get(Math.floorMod(i, shoppers.size()));
    }

    /** The bearer header of the {@code i}-th shopper, round the list. */
    public String bearer(int i) {
        return "Bearer " + tokens.get(Math.floorMod(i, tokens.size()));
    }

    /** A made-up sale of {@code stock} units open from {@code startsAt} to {@code endsAt}, of a made-up product. */
    public static SaleDefined sale(Instant startsAt, Instant endsAt, int stock) {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "rehearsal",
                new BigDecimal("1.00"),
                "EUR",
                stock,
                startsAt,
                endsAt,
                1,
                startsAt,
                new BigDecimal("2.00"),
                null);
    }

    /** The answer's status; its body is read, so that the keep-alive connection is used again. */
    public static Mono<Integer> status(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((response, body) -> {
            int code = response.status().code();
            return body.asByteArray().map(bytes -> code).defaultIfEmpty(code);
        });
    }

    /** The throwaway key is trusted no more. */
    @Override
    public void close() {
        lease.close();
    }
}
