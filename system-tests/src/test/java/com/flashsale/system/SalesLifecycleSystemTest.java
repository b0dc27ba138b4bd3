package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A sale's life through the whole stack: an admin creates it ahead of its start, shoppers can buy
 * within a second of the start, a raised stock sells more, a cancellation racing a burst leaves every
 * invariant intact, and one shopper hammering the route gets fast 429s and at most one order.
 */
@org.junit.jupiter.api.Order(1)
class SalesLifecycleSystemTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final Platform platform = new Platform();

    @Test
    void anAdminsSaleOpensOnTimeHonoursAStockChangeAndACancellation() throws Exception {
        String admin = platform.login("admin", "Satu123");
        Instant startsAt = Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String saleId = createSale(admin, startsAt, 2);
        Shoppers shoppers = Shoppers.seed(platform, admin, 5);
        List<String> tokens = shoppers.tokens();

        // Before the start: refused at once; from the start: admitted, within a second of it.
        Reply early = buy(saleId, tokens.get(0));
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.reason()).hasValue("SALE_NOT_ACTIVE");
        // Polled a little slower than a shopper's request budget refills (5 a second): never throttled.
        Reply first = await().atMost(BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> buy(saleId, tokens.get(0)), reply -> reply.status() != 409);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        JsonNode firstOrder =
                confirmedPurchase(tokens.get(0), first.json().get("requestId").asString());
        Instant acceptedAt = Instant.parse(firstOrder.get("acceptedAt").asString());
        assertThat(acceptedAt).isBetween(startsAt, startsAt.plusSeconds(1));
        assertThat(firstOrder.get("pricePaid").decimalValue()).isEqualByComparingTo("9.99");

        // Stock 2: the second shopper gets the last unit, the third is told it is sold out.
        assertThat(outcomeOf(saleId, tokens.get(1))).isEqualTo("CONFIRMED");
        assertThat(outcomeOf(saleId, tokens.get(2))).isEqualTo("REJECTED:SOLD_OUT");

        // Raised to 3: one more unit, for the fourth shopper.
        Reply raised = platform.put("/api/admin/sales/" + saleId, admin, saleBody(startsAt, 3));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        await().atMost(BOUND).until(() -> outcomeOf(saleId, tokens.get(3)).equals("CONFIRMED"));

        // Cancelled: refused at the edge within seconds.
        Reply cancelled = platform.post("/api/admin/sales/" + saleId + "/cancel", admin, null, Map.of());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        await().atMost(BOUND)
                .until(() -> buy(saleId, tokens.get(4)).reason().orElse("").equals("SALE_CANCELLED"));
        assertThat(platform.get("/api/sales/" + saleId, null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
        assertThat(platform.verdict().confirmed(UUID.fromString(saleId))).isEqualTo(3);
    }

    @Test
    void aBurstRacingTheCancellationKeepsEveryInvariant() throws Exception {
        String admin = platform.login("admin", "Satu123");
        // More stock than shoppers: only the cancellation can stop the sale.
        String saleId = platform.openSale(admin, 5_000);
        Shoppers shoppers = Shoppers.seed(platform, admin, 3_000);

        Shoppers.Answers answers = new Shoppers.Answers();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            try {
                shoppers.burst(saleId, 9_000, 128, Duration.ofMinutes(3), answers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(BOUND).until(() -> answers.accepted.size() >= 100);
        Reply cancelled = platform.post("/api/admin/sales/" + saleId + "/cancel", admin, null, Map.of());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        burst.get(5, java.util.concurrent.TimeUnit.MINUTES);
        System.out.println("burst racing a cancellation: " + answers);

        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict =
                platform.settledVerdict("verdict after a cancellation", sale, answers.accepted, answers.unknown);
        assertThat(verdict.confirmed(sale)).isPositive().isLessThan(3_000);
        assertThat(answers.refusals).containsKey("SALE_CANCELLED");
    }

    @Test
    void oneShopperHammeringGetsFast429sAndAtMostOneOrder() throws Exception {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 10);
        String token = Shoppers.seed(platform, admin, 1).tokens().get(0);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        java.util.Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        Semaphore inFlight = new Semaphore(32);

        for (int i = 0; i < 400; i++) {
            inFlight.acquire();
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(platform.baseUrl() + "/api/sales/" + saleId + "/purchases"))
                    .header("Authorization", "Bearer " + token)
                    .timeout(BOUND)
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (i % 2 == 0) {
                request.header("Idempotency-Key", "hammer-" + i);
            }
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        int status = error == null ? response.statusCode() : -1;
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                        if (status == 202) {
                            accepted.add(UUID.fromString(Platform.JSON
                                    .readTree(response.body())
                                    .get("requestId")
                                    .asString()));
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(32);
        System.out.println("one shopper, 400 requests: " + statuses);

        assertThat(statuses.keySet()).isSubsetOf(202, 409, 429);
        assertThat(statuses.get(429).get()).isGreaterThan(300);
        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict = platform.verdict();
        await().atMost(BOUND).until(() -> verdict.decided(sale, accepted) == accepted.size());
        assertThat(verdict.check(sale, accepted, List.of())).allMatch(InvariantVerdict.Check::holds);
        assertThat(verdict.confirmed(sale)).as("one shopper, one order").isEqualTo(1);
    }

    // --- a small DSL ---

    private String createSale(String admin, Instant startsAt, int stock) {
        Reply created = platform.post("/api/admin/sales", admin, saleBody(startsAt, stock), Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Map<String, Object> saleBody(Instant startsAt, int stock) {
        String productId = platform.get("/api/products", null)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        return Map.of(
                "productId",
                productId,
                "price",
                "9.99",
                "stock",
                stock,
                "startsAt",
                startsAt.toString(),
                "endsAt",
                startsAt.plusSeconds(3600).toString());
    }

    private Reply buy(String saleId, String token) {
        return platform.post(
                "/api/sales/" + saleId + "/purchases",
                token,
                null,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    /** Buys once and waits for the outcome: CONFIRMED, or REJECTED:REASON. */
    private String outcomeOf(String saleId, String token) {
        Reply reply = buy(saleId, token);
        if (reply.status() == 409) {
            return "REJECTED:" + reply.reason().orElse("?");
        }
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String requestId = reply.json().get("requestId").asString();
        JsonNode decided = await().atMost(BOUND)
                .until(
                        () -> platform.get("/api/purchases/" + requestId, token).json(),
                        json -> !json.get("status").asString().equals("QUEUED"));
        return decided.get("status").asString().equals("CONFIRMED")
                ? "CONFIRMED"
                : "REJECTED:" + decided.get("reason").asString();
    }

    /** The shopper's history entry of a confirmed request. */
    private JsonNode confirmedPurchase(String token, String requestId) {
        return await().atMost(BOUND)
                .until(
                        () -> {
                            for (JsonNode item : platform.get("/api/me/purchases", token)
                                    .json()
                                    .get("items")) {
                                if (item.get("requestId").asString().equals(requestId)
                                        && item.get("status").asString().equals("CONFIRMED")) {
                                    return item;
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
    }
}
