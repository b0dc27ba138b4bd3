package com.flashsale.edge.web;

import com.flashsale.auth.Caller;
import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.auth.TrustedKeys;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.edge.sale.SaleDirectory;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The storm's commonest answers rehearsed on a fresh edge before it reports ready: made-up shoppers,
 * signed in with a throwaway key the edge trusts only meanwhile, press "Buy" on made-up sales (one
 * sold out, one not open yet) and read them, so that both paths of a refusal are compiled when the
 * real crowd comes: a token's first sight refused before its check (docs/adr/0017) and a verified
 * caller through the filter, the shopper limits and the admission (docs/adr/0011), then the
 * refusal templates. Nothing reaches Kafka or the database: every purchase is refused at
 * the edge, the sales are listed to nobody, and the key and sales are forgotten when it ends.
 */
final class PurchaseRehearsal {

    /** A route that checks the token and answers a shopper 403 at the edge, touching nothing. */
    private static final String CHECKING_ROUTE = "/api/admin/ops/lag";

    private final TrustedKeys keys;
    private final SaleDirectory sales;

    PurchaseRehearsal(TrustedKeys keys, SaleDirectory sales) {
        this.keys = keys;
        this.sales = sales;
    }

    /**
     * {@code requests} requests by {@code shoppers} made-up shoppers, {@code concurrency} at a time;
     * returns how many got each status. Sends no more once {@code stopping} is set.
     */
    Map<Integer, Long> run(
            HttpClient http, int shoppers, int requests, int concurrency, Duration bound, AtomicBoolean stopping)
            throws Exception {
        Instant now = Instant.now();
        KeyPair pair = JwtKeys.generate();
        String kid = "rehearsal-" + UUID.randomUUID();
        SigningKey signing = new SigningKey(kid, pair, now);
        TokenIssuer issuer = new TokenIssuer(() -> signing, Duration.ofMinutes(2));
        // Signing is the dear part (a private-key operation each): on every core at once.
        List<String> tokens = IntStream.range(0, shoppers)
                .parallel()
                .mapToObj(i -> issuer.issue(new Caller(UUID.randomUUID(), "rehearsal" + i, Caller.Role.USER, null), now)
                        .token())
                .toList();
        SaleDefined soldOut = sale(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
        SaleDefined upcoming = sale(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
        SaleStatusChanged none =
                new SaleStatusChanged(SaleStatusChanged.VERSION, soldOut.saleId(), soldOut.stock(), 0, 0, 0, 0.0, now);
        try (TrustedKeys.Lease lease = keys.lend(kid, pair.getPublic());
                AutoCloseable a = sales.rehearse(soldOut, none);
                AutoCloseable b = sales.rehearse(upcoming, null)) {
            String buySoldOut = "/api/sales/" + soldOut.saleId() + "/purchases";
            String buyUpcoming = "/api/sales/" + upcoming.saleId() + "/purchases";
            String readSale = "/api/sales/" + soldOut.saleId();
            Map<Integer, Long> answers = new ConcurrentSkipListMap<>();
            Flux.range(0, requests)
                    .takeWhile(i -> !stopping.get())
                    .flatMap(
                            i -> {
                                String bearer = "Bearer " + tokens.get(i % tokens.size());
                                HttpClient signedIn = http.headers(h -> h.set("Authorization", bearer));
                                // A token's first purchase on a closed sale is refused before its check
                                // (docs/adr/0017); the admin route checks it (403 for a shopper), so that
                                // the shopper's later purchases take the verified caller's path.
                                Mono<Integer> one = switch (i % 10) {
                                    case 0 -> status(http.get().uri(readSale));
                                    case 1 -> status(signedIn.post().uri(buyUpcoming));
                                    case 2 -> status(signedIn.get().uri(CHECKING_ROUTE));
                                    default -> status(signedIn.post().uri(buySoldOut));
                                };
                                return one.doOnNext(code -> answers.merge(code, 1L, Long::sum))
                                        .onErrorComplete();
                            },
                            concurrency)
                    .blockLast(bound);
            return answers;
        }
    }

    /** The answer's status; its body is read, so that the keep-alive connection is used again. */
    private static Mono<Integer> status(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((response, body) -> {
            int code = response.status().code();
            return body.asByteArray().map(bytes -> code).defaultIfEmpty(code);
        });
    }

    private static SaleDefined sale(Instant startsAt, Instant endsAt) {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "rehearsal",
                new BigDecimal("1.00"),
                "EUR",
                1,
                startsAt,
                endsAt,
                1,
                startsAt,
                new BigDecimal("2.00"),
                null);
    }
}
