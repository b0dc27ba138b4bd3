package com.flashsale.edge.web;

import com.flashsale.auth.VerifierWarmup;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Warms a fresh edge before it reports ready: a fresh JVM runs the verification and request code
 * interpreted for its first thousands of requests, and a flash sale's crowd arrives all at once
 * (docs/benchmarks.md, phase d). Verifies tokens of a throwaway key ({@link VerifierWarmup}), then
 * sends requests to its own port over loopback that are refused before anything is done (purchases
 * without a token or with a malformed one, the trivial GET): Netty's codec, the filters, the routes,
 * the problem answers and the first-sight pool get compiled. Not ready until it is done.
 */
@Component
class StartupWarmth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmth.class);
    private static final int CONCURRENCY = 64;

    private final int verifications;
    private final int requests;
    private final AtomicBoolean warm = new AtomicBoolean();
    private volatile int port = -1;

    StartupWarmth(
            @Value("${flashsale.edge.warmup.verifications:10000}") int verifications,
            @Value("${flashsale.edge.warmup.requests:30000}") int requests) {
        this.verifications = verifications;
        this.requests = requests;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::warmUp, "startup-warmth");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmUp() {
        long start = System.nanoTime();
        try {
            if (verifications > 0) {
                VerifierWarmup.run(verifications);
            }
            long verified = System.nanoTime();
            if (requests > 0 && port > 0) {
                selfRequests();
            }
            log.info(
                    "Warmed up in {} ms: {} verifications of a throwaway key in {} ms, {} refused requests to itself"
                            + " in {} ms",
                    (System.nanoTime() - start) / 1_000_000,
                    verifications,
                    (verified - start) / 1_000_000,
                    port > 0 ? requests : 0,
                    (System.nanoTime() - verified) / 1_000_000);
        } catch (RuntimeException e) {
            // Warmth is an optimisation: a failure costs speed, never correctness.
            log.warn("Warming up failed ({}); serving cold", e.toString());
        } finally {
            warm.set(true);
        }
    }

    private void selfRequests() {
        HttpClient http = HttpClient.create().baseUrl("http://127.0.0.1:" + port);
        String purchase = "/api/sales/" + UUID.randomUUID() + "/purchases";
        Flux.range(0, requests)
                .flatMap(
                        i -> switch (i % 4) {
                            // Each answer's body is read, so that its keep-alive connection is used
                            // again (as a shopper's is), not closed and opened anew.
                            case 0 ->
                                http.get().uri("/api/time").responseContent().then();
                            // A malformed token: checked on the first-sight pool, refused with a 401.
                            case 1 ->
                                http.headers(h -> h.set("Authorization", "Bearer warm.up." + i))
                                        .post()
                                        .uri(purchase)
                                        .responseContent()
                                        .then();
                            // No token at all: the purchase route's own 401 problem.
                            default ->
                                http.post().uri(purchase).responseContent().then();
                        },
                        CONCURRENCY)
                .onErrorResume(e -> Flux.empty())
                .blockLast(Duration.ofSeconds(60));
    }

    @Override
    public Health health() {
        return warm.get()
                ? Health.up().build()
                : Health.outOfService().withDetail("warmup", "warming up").build();
    }
}
