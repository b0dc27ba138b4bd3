package com.flashsale.edge.web;

import com.flashsale.auth.TrustedKeys;
import com.flashsale.auth.VerifierWarmup;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.web.health.WarmUpBeforeReady;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Warms a fresh edge before it reports ready: a fresh JVM runs the verification and request code
 * interpreted for its first thousands of requests, and a flash sale's crowd arrives all at once
 * (docs/benchmarks.md, phase d). Verifies tokens of a throwaway key ({@link VerifierWarmup}), then
 * sends requests to its own port over loopback that are refused before anything is done (purchases
 * without a token or with a malformed one, the trivial GET), then rehearses the refusals of signed-in
 * shoppers ({@link PurchaseRehearsal}) and the steps other capabilities contribute
 * ({@link StartupRehearsal}: the 202 path, docs/adr/0019): Netty's codec, the filters, the routes, the
 * admission, the producer, the answers and the first-sight pool get compiled. Not ready until it is done.
 */
@Component
class StartupWarmth extends WarmUpBeforeReady {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmth.class);
    private static final int CONCURRENCY = 64;

    private final int verifications;
    private final int requests;
    private final int rehearsalShoppers;
    private final int rehearsalRequests;
    private final TrustedKeys keys;
    private final PurchaseRehearsal refusals;
    private final List<StartupRehearsal> steps;
    private volatile Map<String, Map<Integer, Long>> rehearsed = Map.of();
    private volatile int port = -1;

    StartupWarmth(
            @Value("${flashsale.edge.warmup.verifications:10000}") int verifications,
            @Value("${flashsale.edge.warmup.requests:30000}") int requests,
            @Value("${flashsale.edge.warmup.rehearsal-shoppers:512}") int rehearsalShoppers,
            @Value("${flashsale.edge.warmup.rehearsal-requests:30000}") int rehearsalRequests,
            TrustedKeys keys,
            SaleDirectory sales,
            List<StartupRehearsal> steps) {
        super("startup-warmth");
        this.verifications = verifications;
        this.requests = requests;
        this.rehearsalShoppers = rehearsalShoppers;
        this.rehearsalRequests = rehearsalRequests;
        this.keys = keys;
        this.refusals = new PurchaseRehearsal(sales);
        this.steps = List.copyOf(steps);
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    /** Sends no request of the warm-up once {@code stopping} is set (the edge stops). */
    @Override
    protected void warmUp(AtomicBoolean stopping) throws Exception {
        long start = System.nanoTime();
        if (verifications > 0) {
            VerifierWarmup.run(verifications);
        }
        long verified = System.nanoTime();
        HttpClient http = HttpClient.create().baseUrl("http://127.0.0.1:" + port);
        if (requests > 0 && port > 0) {
            selfRequests(http, stopping);
        }
        long anonymous = System.nanoTime();
        if (rehearsalRequests > 0 && rehearsalShoppers > 0 && port > 0) {
            rehearsed = rehearse(http, stopping);
        }
        log.info(
                "Warmed up in {} ms: {} verifications of a throwaway key in {} ms, {} refused requests to itself"
                        + " in {} ms, rehearsals of {} refusals and the other steps by {} made-up shoppers in {} ms"
                        + " (answers by step and status: {})",
                (System.nanoTime() - start) / 1_000_000,
                verifications,
                (verified - start) / 1_000_000,
                port > 0 ? requests : 0,
                (anonymous - verified) / 1_000_000,
                port > 0 ? rehearsalRequests : 0,
                rehearsalShoppers,
                (System.nanoTime() - anonymous) / 1_000_000,
                rehearsed);
    }

    /** The refusals, then each capability's own step, with the same made-up shoppers; answers by status, per step. */
    private Map<String, Map<Integer, Long>> rehearse(HttpClient http, AtomicBoolean stopping) throws Exception {
        Map<String, Map<Integer, Long>> answers = new LinkedHashMap<>();
        try (Rehearsal shoppers = Rehearsal.signIn(keys, rehearsalShoppers, Instant.now())) {
            answers.put(
                    "refusals",
                    refusals.run(http, shoppers, rehearsalRequests, CONCURRENCY, Duration.ofSeconds(60), stopping));
            for (StartupRehearsal step : steps) {
                if (stopping.get()) {
                    break;
                }
                answers.put(step.name(), step.run(http, shoppers, CONCURRENCY, stopping));
            }
        }
        return answers;
    }

    private void selfRequests(HttpClient http, AtomicBoolean stopping) {
        String purchase = "/api/sales/" + UUID.randomUUID() + "/purchases";
        Flux.range(0, requests)
                .takeWhile(i -> !stopping.get())
                .flatMap(i -> anonymous(http, purchase, i).onErrorComplete(), CONCURRENCY)
                .blockLast(Duration.ofSeconds(60));
    }

    private static Mono<Void> anonymous(HttpClient http, String purchase, int i) {
        return switch (i % 4) {
            // Each answer's body is read, so that its keep-alive connection is used
            // again (as a shopper's is), not closed and opened anew.
            case 0 -> http.get().uri("/api/time").responseContent().then();
            // A malformed token: checked on the first-sight pool, refused with a 401.
            case 1 ->
                http.headers(h -> h.set("Authorization", "Bearer warm.up." + i))
                        .post()
                        .uri(purchase)
                        .responseContent()
                        .then();
            // No token at all: the purchase route's own 401 problem.
            default -> http.post().uri(purchase).responseContent().then();
        };
    }

    @Override
    protected Health warm(Health.Builder up) {
        return up.withDetail("rehearsal", rehearsed).build();
    }

    @Override
    protected String warming() {
        return "warming up";
    }
}
