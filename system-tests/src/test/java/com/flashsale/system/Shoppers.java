package com.flashsale.system;

import com.flashsale.load.StackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** A crowd of seeded shoppers and what the edge answered them during a burst. */
final class Shoppers {

    private final Platform platform;
    private final List<String> tokens;

    private Shoppers(Platform platform, List<String> tokens) {
        this.platform = platform;
        this.tokens = tokens;
    }

    /** Their tokens, in seeding order. */
    List<String> tokens() {
        return tokens;
    }

    /** Seeds {@code count} shoppers through the admin API (bulk, one password hash) and keeps their tokens. */
    static Shoppers seed(Platform platform, String adminToken, int count) {
        List<String> tokens = platform.client().seedShoppers(adminToken, StackClient.freshPrefix("s"), count).stream()
                .map(StackClient.Shopper::token)
                .toList();
        return new Shoppers(platform, new ArrayList<>(tokens));
    }

    /** Shoppers {@code from} (inclusive) to {@code to} (exclusive) of these, buying through {@code other} (another edge). */
    Shoppers slice(Platform other, int from, int to) {
        return new Shoppers(other, new ArrayList<>(tokens.subList(from, to)));
    }

    int size() {
        return tokens.size();
    }

    String token(int index) {
        return tokens.get(index);
    }

    /**
     * Sends {@code requests} purchase requests for the sale, shopper after shopper round-robin, at
     * most {@code inFlight} at a time, and collects the answers. Stops by itself after the bound.
     */
    Answers burst(String saleId, int requests, int inFlight, Duration bound) throws InterruptedException {
        return burst(saleId, requests, inFlight, bound, new Answers());
    }

    /** As {@link #burst(String, int, int, Duration)}, recording into {@code answers} as they come. */
    Answers burst(String saleId, int requests, int inFlight, Duration bound, Answers answers)
            throws InterruptedException {
        // HTTP/1.1 as browsers speak to the edge; no h2c upgrade attempts on pooled connections.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Semaphore slots = new Semaphore(inFlight);
        Instant deadline = Instant.now().plus(bound);
        URI uri = URI.create(platform.baseUrl() + "/api/sales/" + saleId + "/purchases");
        for (int i = 0; i < requests && Instant.now().isBefore(deadline); i++) {
            slots.acquire();
            // Every purchase carries its own key: a shopper whose answer never came retries with it,
            // and lands on the same request id (never a second order).
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            send(http, request, answers, slots, 1);
        }
        slots.acquire(inFlight); // all answered
        slots.release(inFlight);
        return answers;
    }

    private static final int ATTEMPTS = 3;

    private static void send(HttpClient http, HttpRequest request, Answers answers, Semaphore slots, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            boolean unanswered = error != null
                    && (error instanceof java.net.http.HttpTimeoutException
                            || error.getCause() instanceof java.net.http.HttpTimeoutException);
            if (unanswered && attempt < ATTEMPTS) {
                answers.retries.incrementAndGet();
                if (error instanceof java.net.http.HttpConnectTimeoutException
                        || error.getCause() instanceof java.net.http.HttpConnectTimeoutException) {
                    answers.connectTimeouts.incrementAndGet(); // never reached the edge
                }
                send(http, request, answers, slots, attempt + 1);
                return;
            }
            try {
                answers.record(response, error);
            } finally {
                slots.release();
            }
        });
    }

    /** What the edge answered: request ids by status, refusals by reason. */
    static final class Answers {
        final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        final Set<UUID> unknown = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger connectTimeouts = new AtomicInteger();
        final Map<String, AtomicInteger> failureCauses = new ConcurrentHashMap<>();

        void record(HttpResponse<String> response, Throwable error) {
            if (error != null) {
                failures.incrementAndGet();
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                failureCauses
                        .computeIfAbsent(
                                cause.getClass().getSimpleName() + ": " + cause.getMessage(), c -> new AtomicInteger())
                        .incrementAndGet();
                return;
            }
            int status = response.statusCode();
            if (status == 202) {
                accepted.add(UUID.fromString(
                        Platform.JSON.readTree(response.body()).get("requestId").asString()));
            } else if (status == 503) {
                unavailable.incrementAndGet();
                // Outcome unknown: Kafka may still hold the record, so its id may get an outcome.
                new StackClient.Reply(status, response.body(), "")
                        .json()
                        .path("requestId")
                        .asOptional()
                        .ifPresent(id -> unknown.add(UUID.fromString(id.asString())));
            } else {
                String reason = new StackClient.Reply(status, response.body(), "")
                        .reason()
                        .orElse("HTTP " + status);
                refusals.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
            }
        }

        int total() {
            return accepted.size()
                    + unavailable.get()
                    + failures.get()
                    + refusals.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public String toString() {
            return "202: " + accepted.size() + ", 503: " + unavailable + ", refused: " + refusals + ", failed: "
                    + failures + (failureCauses.isEmpty() ? "" : " " + failureCauses) + ", retried after a timeout: "
                    + retries + " (of which connecting timed out: " + connectTimeouts + ")";
        }
    }
}
