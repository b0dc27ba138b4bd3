package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.Caller;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.contracts.AccountChanged;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestKafka;
import io.jsonwebtoken.Jwts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's side of accounts and keys: tokens of a disabled account or of a changed role stop
 * working within seconds (from the accounts topic), keys rotate through the refreshed JWKS without
 * a restart, forged tokens are refused, and one shopper hammering the purchase route gets fast 429s.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"flashsale.catalog-url=http://127.0.0.1:9", "flashsale.jwt.jwks-refresh=PT1S"})
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class EdgeAuthIT {

    private static final TestKeys KEYS = new TestKeys("edge-auth-keys");
    private static final SigningKey FIRST = TestKeys.newKey("20261201T000000Z-0001");
    private static TestTopics topics;

    static {
        KEYS.publish(FIRST);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // The same database as EdgeIT's and the same read contract, whichever runs first.
        OrdersReadContract.register(registry);
        KEYS.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestBroker broker;

    @Autowired
    JsonMapper json;

    /** Ready only once it knows the keys, the accounts and the request topic's metadata. */
    @BeforeEach
    void awaitReadiness() {
        eventually()
                .until(() -> WebClient.create("http://127.0.0.1:" + port)
                                .get()
                                .uri("/actuator/health")
                                .exchangeToMono(r -> r.releaseBody()
                                        .thenReturn(r.statusCode().value()))
                                .onErrorResume(e -> Mono.just(0))
                                .block(Duration.ofSeconds(30))
                        == 200);
    }

    @Test
    void tokensOfADisabledAccountStopWorkingWithinSecondsAndNewOnesAfterReEnabling() {
        Caller shopper = caller(Caller.Role.USER);
        String token = token(FIRST, shopper, Instant.now().minusSeconds(5));
        assertThat(status(token)).isEqualTo(404);

        change(shopper, Caller.Role.USER, false, Instant.now(), 2);
        eventually().until(() -> status(token) == 401);

        change(shopper, Caller.Role.USER, true, Instant.now(), 3);
        String fresh = token(FIRST, shopper, Instant.now().plusSeconds(1));
        eventually().until(() -> status(fresh) == 404);
        assertThat(status(token))
                .as("a token from before the change stays void")
                .isEqualTo(401);
    }

    @Test
    void aRoleChangeVoidsTokensThatCarryTheOldRole() {
        Caller admin = caller(Caller.Role.ADMIN);
        String adminToken = token(FIRST, admin, Instant.now().minusSeconds(5));
        assertThat(status(adminToken)).isEqualTo(404);

        change(admin, Caller.Role.USER, true, Instant.now(), 2);

        eventually().until(() -> status(adminToken) == 401);
        Caller demoted = new Caller(admin.userId(), admin.username(), Caller.Role.USER, null);
        assertThat(status(token(FIRST, demoted, Instant.now().plusSeconds(1)))).isEqualTo(404);
    }

    @Test
    void aNewKeyIsAcceptedWithoutARestartAndARetiredOneIsRefused() {
        Caller shopper = caller(Caller.Role.USER);
        SigningKey second = TestKeys.newKey("20261201T010000Z-0002");
        String byFirst = token(FIRST, shopper, Instant.now());
        String bySecond = token(second, shopper, Instant.now());
        assertThat(status(bySecond)).as("not published yet").isEqualTo(401);

        KEYS.publish(FIRST, second);
        eventually().until(() -> status(bySecond) == 404);
        assertThat(status(byFirst)).isEqualTo(404);

        KEYS.publish(second);
        eventually().until(() -> status(byFirst) == 401);
        assertThat(status(bySecond)).isEqualTo(404);
        KEYS.publish(FIRST, second);
    }

    @Test
    void forgedAndExpiredTokensAreRefused() {
        Caller shopper = caller(Caller.Role.USER);
        String unsecured = Jwts.builder()
                .issuer("flashsale")
                .subject(shopper.userId().toString())
                .claim("username", "x")
                .claim("role", "ADMIN")
                .issuedAt(new Date())
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .compact();
        String otherKey = token(TestKeys.newKey("20261201T000000Z-0001"), shopper, Instant.now());
        String expired = token(FIRST, shopper, Instant.now().minus(Duration.ofHours(2)));

        assertThat(status(unsecured)).isEqualTo(401);
        assertThat(status(otherKey)).as("another key under a trusted kid").isEqualTo(401);
        assertThat(status(expired)).isEqualTo(401);
        assertThat(status("garbage")).isEqualTo(401);
    }

    @Test
    void aSaleClosedToEveryoneIsRefusedBeforeANewTokenIsCheckedAndNothingPrivateIsToldWithoutOne() {
        Caller shopper = caller(Caller.Role.USER);
        String valid = token(FIRST, shopper, Instant.now());
        // Signed by another key under a trusted kid: the shape of a real token, proving nobody.
        String forged = token(TestKeys.newKey("20261201T000000Z-0001"), shopper, Instant.now());
        String expired = token(FIRST, shopper, Instant.now().minus(Duration.ofHours(2)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SaleDefined upcoming = defineSale(now.plusSeconds(600), now.plusSeconds(3600), null);
        SaleDefined open = defineSale(now.minusSeconds(60), now.plusSeconds(3600), null);

        // What anybody would be told: the sale is not open. Nothing else is judged without the check.
        assertThat(purchase(upcoming, forged, null)).isEqualTo("409 SALE_NOT_ACTIVE -");
        assertThat(purchase(upcoming, valid, null)).isEqualTo("409 SALE_NOT_ACTIVE -");
        assertThat(purchase(upcoming, expired, null))
                .as("an expired token goes the whole way")
                .isEqualTo("401 UNAUTHENTICATED -");
        assertThat(purchase(open, forged, null))
                .as("an open sale needs the check")
                .isEqualTo("401 UNAUTHENTICATED -");

        // Another shopper buys under a key (confirmed), then the sale is cancelled: closed to everyone.
        String key = "closed-" + UUID.randomUUID();
        Caller buyer = caller(Caller.Role.USER);
        String queued = purchase(open, token(FIRST, buyer, Instant.now()), key);
        assertThat(queued).startsWith("202 QUEUED ");
        UUID requestId = UUID.fromString(queued.substring("202 QUEUED ".length()));
        topics().send(
                        Topics.PURCHASE_OUTCOMES,
                        buyer.userId(),
                        new PurchaseDecided(
                                PurchaseDecided.VERSION,
                                requestId,
                                open.saleId(),
                                buyer.userId(),
                                PurchaseStatus.CONFIRMED,
                                null,
                                Instant.now(),
                                Instant.now()));
        topics().send(
                        Topics.SALES,
                        open.saleId(),
                        new SaleDefined(
                                SaleDefined.VERSION,
                                open.saleId(),
                                open.productId(),
                                open.productName(),
                                open.price(),
                                open.currency(),
                                open.stock(),
                                open.startsAt(),
                                open.endsAt(),
                                open.version() + 1,
                                Instant.now(),
                                null,
                                Instant.now()));
        eventually().until(() -> purchase(open, forged, null).equals("409 SALE_CANCELLED -"));
        // A token naming the buyer is checked before anything of the purchase is told; a forger hears what all do.
        String forgedBuyer = token(TestKeys.newKey("20261201T000000Z-0001"), buyer, Instant.now());
        assertThat(purchase(open, forgedBuyer, key)).isEqualTo("409 SALE_CANCELLED -");
        assertThat(purchase(open, forgedBuyer, null)).isEqualTo("409 SALE_CANCELLED -");
        // The buyer's own retry with a token never seen: the request it names, confirmed.
        assertThat(purchase(open, token(FIRST, buyer, Instant.now().minusSeconds(1)), key))
                .isEqualTo("202 CONFIRMED " + requestId);
    }

    @Test
    void oneShopperHammeringThePurchaseRouteGetsFast429sAndQueuesOnlyAFew() {
        SaleDefined sale = defineSale();
        Caller shopper = caller(Caller.Role.USER);
        String token = token(FIRST, shopper, Instant.now());
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger withRetryAfter = new AtomicInteger();
        AtomicInteger keys = new AtomicInteger();

        Flux.range(0, 400)
                .flatMap(
                        i -> client.post()
                                .uri("/api/sales/" + sale.saleId() + "/purchases")
                                .header("Authorization", "Bearer " + token)
                                .headers(h -> {
                                    if (i % 2 == 0) {
                                        h.set("Idempotency-Key", "hammer-" + keys.incrementAndGet());
                                    }
                                })
                                .exchangeToMono(response -> {
                                    statuses.computeIfAbsent(
                                                    response.statusCode().value(), s -> new AtomicInteger())
                                            .incrementAndGet();
                                    if (response.statusCode().value() == 429
                                            && response.headers()
                                                            .header("Retry-After")
                                                            .size()
                                                    == 1) {
                                        withRetryAfter.incrementAndGet();
                                    }
                                    return response.releaseBody();
                                }),
                        32)
                .then()
                .block(Duration.ofSeconds(60));

        assertThat(statuses.keySet()).isSubsetOf(202, 409, 429);
        int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();
        int throttled = statuses.getOrDefault(429, new AtomicInteger()).get();
        assertThat(throttled).isGreaterThan(300).isEqualTo(withRetryAfter.get());
        assertThat(accepted).isPositive().isLessThan(60);
        assertThat(topics().requests(r -> r.userId().equals(shopper.userId()), accepted))
                .hasSize(accepted);
    }

    @Test
    void aPurchaseBodyNamingAnotherUserOrAPriceIsIgnored() {
        SaleDefined sale = defineSale();
        Caller shopper = caller(Caller.Role.USER);
        UUID victim = UUID.randomUUID();
        // The purchase route reads no body at all: who buys is the token's, what and at which price the sale's.

        String requestId = WebClient.create("http://127.0.0.1:" + port)
                .post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .header("Authorization", "Bearer " + token(FIRST, shopper, Instant.now()))
                .header("Content-Type", "application/json")
                .bodyValue(
                        "{\"userId\": \"" + victim + "\", \"price\": 0.01, \"saleId\": \"" + UUID.randomUUID() + "\"}")
                .exchangeToMono(response -> {
                    assertThat(response.statusCode().value()).isEqualTo(202);
                    return response.bodyToMono(tools.jackson.databind.JsonNode.class);
                })
                .block(Duration.ofSeconds(30))
                .get("requestId")
                .asString();

        PurchaseRequested onKafka = topics().requests(r -> r.requestId().equals(UUID.fromString(requestId)), 1)
                .get(0);
        assertThat(onKafka.userId()).as("the caller, never the body's user").isEqualTo(shopper.userId());
        assertThat(onKafka.saleId()).as("the path's sale").isEqualTo(sale.saleId());
    }

    // --- a small DSL ---

    /** Polls slower than a shopper's request budget refills (5 a second), so the probe is never throttled. */
    private static org.awaitility.core.ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500));
    }

    /** The purchase route on an unknown sale: 404 when the token holds, 401 when it does not. */
    private int status(String token) {
        return WebClient.create("http://127.0.0.1:" + port)
                .post()
                .uri("/api/sales/" + UUID.randomUUID() + "/purchases")
                .header("Authorization", "Bearer " + token)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(30));
    }

    private static Caller caller(Caller.Role role) {
        return new Caller(UUID.randomUUID(), "someone", role, null);
    }

    private static String token(SigningKey key, Caller caller, Instant issuedAt) {
        return new TokenIssuer(() -> key, Duration.ofHours(1))
                .issue(caller, issuedAt)
                .token();
    }

    private void change(Caller account, Caller.Role role, boolean enabled, Instant validFrom, long version) {
        topics().send(
                        Topics.ACCOUNTS,
                        account.userId(),
                        new AccountChanged(
                                AccountChanged.VERSION,
                                account.userId(),
                                role.name(),
                                enabled,
                                validFrom,
                                version,
                                Instant.now()));
    }

    private SaleDefined defineSale() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return defineSale(now.minusSeconds(60), now.plusSeconds(3600), null);
    }

    private SaleDefined defineSale(Instant startsAt, Instant endsAt, Instant cancelledAt) {
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Hammered product",
                new BigDecimal("10.00"),
                "EUR",
                5,
                startsAt,
                endsAt,
                1,
                Instant.now(),
                null,
                cancelledAt);
        topics().send(Topics.SALES, sale.saleId(), sale);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> WebClient.create("http://127.0.0.1:" + port)
                                .get()
                                .uri("/api/sales/" + sale.saleId())
                                .exchangeToMono(r -> r.releaseBody()
                                        .thenReturn(r.statusCode().value()))
                                .onErrorResume(e -> Mono.just(0))
                                .block(Duration.ofSeconds(30))
                        == 200);
        return sale;
    }

    /**
     * A purchase with the token (and key, if not null): "status reason requestId" for a problem ("409
     * SOLD_OUT -"), "status purchase-status requestId" for a 202 ("202 QUEUED 5f0c...").
     */
    private String purchase(SaleDefined sale, String token, String idempotencyKey) {
        return WebClient.create("http://127.0.0.1:" + port)
                .post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("{}")
                        .map(body -> response.statusCode().value() + " " + summary(body)))
                .block(Duration.ofSeconds(30));
    }

    private String summary(String body) {
        tools.jackson.databind.JsonNode node = json.readTree(body);
        String what = node.hasNonNull("reason")
                ? node.get("reason").asString()
                : node.hasNonNull("status") ? node.get("status").asString() : "-";
        return what + " "
                + (node.hasNonNull("requestId") ? node.get("requestId").asString() : "-");
    }

    private synchronized TestTopics topics() {
        if (topics == null) {
            topics = new TestTopics(broker, json);
        }
        return topics;
    }

    @AfterAll
    static void closeTopics() {
        if (topics != null) {
            topics.close();
        }
    }
}
