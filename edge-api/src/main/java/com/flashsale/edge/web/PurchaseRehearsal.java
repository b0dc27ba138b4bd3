package com.flashsale.edge.web;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.edge.sale.SaleDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The storm's commonest answers rehearsed on a fresh edge before it reports ready: made-up shoppers
 * ({@link Rehearsal}) press "Buy" on made-up sales (one
 * sold out, one not open yet) and read them, so that both paths of a refusal are compiled when the
 * real crowd comes: a token's first sight refused before its check (docs/adr/0017) and a verified
 * caller through the filter, the shopper limits and the admission (docs/adr/0011), then the
 * refusal templates. Nothing reaches Kafka or the database: every purchase is refused at
 * the edge, the sales are listed to nobody and forgotten when it ends.
 */
final class PurchaseRehearsal {

    /** A route that checks the token and answers a shopper 403 at the edge, touching nothing. */
    private static final String CHECKING_ROUTE = "/api/admin/ops/lag";

    private final SaleDirectory sales;

    PurchaseRehearsal(SaleDirectory sales) {
        this.sales = sales;
    }

    /**
     * {@code requests} requests by the rehearsal's {@code shoppers}, {@code concurrency} at a time;
     * returns how many got each status. Sends no more once {@code stopping} is set.
     */
    Map<Integer, Long> run(
            HttpClient http, Rehearsal shoppers, int requests, int concurrency, Duration bound, AtomicBoolean stopping)
            throws Exception {
        Instant now = Instant.now();
        SaleDefined soldOut = Rehearsal.sale(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)), 1);
        SaleDefined upcoming = Rehearsal.sale(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), 1);
        SaleStatusChanged none =
                new SaleStatusChanged(SaleStatusChanged.VERSION, soldOut.saleId(), soldOut.stock(), 0, 0, 0, 0.0, now);
        try (AutoCloseable a = sales.rehearse(soldOut, none);
                AutoCloseable b = sales.rehearse(upcoming, null)) {
            String buySoldOut = "/api/sales/" + soldOut.saleId() + "/purchases";
            String buyUpcoming = "/api/sales/" + upcoming.saleId() + "/purchases";
            String readSale = "/api/sales/" + soldOut.saleId();
            Map<Integer, Long> answers = new ConcurrentSkipListMap<>();
            Flux.range(0, requests)
                    .takeWhile(i -> !stopping.get())
                    .flatMap(
                            i -> {
                                String bearer = shoppers.bearer(i);
                                HttpClient signedIn = http.headers(h -> h.set("Authorization", bearer));
                                // A token's first purchase on a closed sale is refused before its check
                                // (docs/adr/0017); the admin route checks it (403 for a shopper), so that
                                // the shopper's later purchases take the verified caller's path.
                                Mono<Integer> one = switch (i % 10) {
                                    case 0 -> Rehearsal.status(http.get().uri(readSale));
                                    case 1 -> Rehearsal.status(signedIn.post().uri(buyUpcoming));
                                    case 2 -> Rehearsal.status(signedIn.get().uri(CHECKING_ROUTE));
                                    default -> Rehearsal.status(signedIn.post().uri(buySoldOut));
                                };
                                return one.doOnNext(code -> answers.merge(code, 1L, Long::sum))
                                        .onErrorComplete();
                            },
                            concurrency)
                    .blockLast(bound);
            return answers;
        }
    }
}
