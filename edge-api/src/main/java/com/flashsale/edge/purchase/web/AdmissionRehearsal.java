package com.flashsale.edge.purchase.web;

import com.flashsale.auth.Caller;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.edge.purchase.messaging.PurchaseOutcomeListener;
import com.flashsale.edge.purchase.messaging.PurchaseRequestPublisher;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.web.Rehearsal;
import com.flashsale.edge.web.StartupRehearsal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opening's 202 path rehearsed on a fresh edge before it reports ready (docs/adr/0019): the
 * warm-up's made-up shoppers press "Buy" on a made-up open sale; each purchase is admitted, sent to
 * Kafka and acknowledged as a real one, but on the rehearsals topic, which order-processor never
 * reads; its outcome is then heard as if order-processor had published it (most refused sold out,
 * some confirmed, so that later presses of those shoppers are refused as bought). So the route's
 * admission, claims and in-flight slots, the producer and its acknowledgement, the 202 answer and
 * the outcome's recording run compiled code when the real crowd comes. Nothing is left waiting, the
 * sale is listed to nobody and forgotten when it ends.
 */
@Component
class AdmissionRehearsal implements StartupRehearsal {

    private static final Logger log = LoggerFactory.getLogger(AdmissionRehearsal.class);

    private final int purchases;
    private final SaleDirectory sales;
    private final PurchaseRequestPublisher publisher;
    private final PurchaseOutcomeListener outcomes;
    private final JsonMapper json;
    private final Clock clock;

    AdmissionRehearsal(
            @Value("${flashsale.edge.warmup.rehearsal-purchases:8000}") int purchases,
            SaleDirectory sales,
            PurchaseRequestPublisher publisher,
            PurchaseOutcomeListener outcomes,
            JsonMapper json,
            Clock clock) {
        this.purchases = purchases;
        this.sales = sales;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "admissions";
    }

    @Override
    public Map<Integer, Long> run(HttpClient http, Rehearsal shoppers, int concurrency, AtomicBoolean stopping)
            throws Exception {
        if (purchases <= 0) {
            return Map.of();
        }
        if (!publisher.knowsTheRehearsalsTopic(Duration.ofSeconds(10))) {
            log.warn("The producer does not know the rehearsals topic; the 202 path is not rehearsed");
            return Map.of();
        }
        Instant now = clock.instant();
        // More units than purchases: every request is judged on the shopper, never on the stock.
        SaleDefined open = Rehearsal.sale(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)), 1_000_000);
        String buy = "/api/sales/" + open.saleId() + "/purchases";
        Map<Integer, Long> answers = new ConcurrentSkipListMap<>();
        try (AutoCloseable sale = sales.rehearse(open, null)) {
            Flux.range(0, purchases)
                    .takeWhile(i -> !stopping.get())
                    .flatMap(
                            i -> {
                                Caller shopper = shoppers.shopper(i);
                                String bearer = shoppers.bearer(i);
                                return http.headers(h -> {
                                            h.set("Authorization", bearer);
                                            if (i % 2 == 0) {
                                                h.set("Idempotency-Key", "rehearsal-" + i);
                                            }
                                        })
                                        .post()
                                        .uri(buy)
                                        .responseSingle((response, body) -> body.asString()
                                                .defaultIfEmpty("")
                                                .map(text -> {
                                                    int code = response.status().code();
                                                    if (code == 202) {
                                                        decide(text, open.saleId(), shopper, i);
                                                    }
                                                    return code;
                                                }))
                                        .doOnNext(code -> answers.merge(code, 1L, Long::sum))
                                        .onErrorComplete();
                            },
                            concurrency)
                    .blockLast(Duration.ofSeconds(60));
        }
        return answers;
    }

    /** The outcome order-processor would publish: one purchase in fifty confirmed, the others sold out. */
    private void decide(String accepted, UUID saleId, Caller shopper, int i) {
        UUID requestId =
                UUID.fromString(json.readTree(accepted).path("requestId").asString());
        boolean confirmed = i % 50 == 0;
        Instant decidedAt = clock.instant();
        outcomes.rehearse(new PurchaseDecided(
                PurchaseDecided.VERSION,
                requestId,
                saleId,
                shopper.userId(),
                confirmed ? PurchaseStatus.CONFIRMED : PurchaseStatus.REJECTED,
                confirmed ? null : RejectionReason.SOLD_OUT,
                decidedAt,
                decidedAt));
    }
}
