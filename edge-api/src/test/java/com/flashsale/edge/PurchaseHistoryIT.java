package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.Caller;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestKafka;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Purchase history, per shopper and for admins, and the wall between shoppers: edge-api over HTTP
 * against a real Kafka broker and a real PostgreSQL (TestInfrastructure), reading order-processor's read
 * contract as a role that can read nothing else. The test plays order-processor: it stores outcomes
 * and orders in that service's schema and publishes them on the outcomes topic.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "flashsale.catalog-url=http://127.0.0.1:9",
            // Not a test of warmth: a short warm-up keeps readiness quick on a shared machine.
            "flashsale.edge.warmup.verifications=200",
            "flashsale.edge.warmup.requests=200"
        })
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class PurchaseHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestKeys KEYS = new TestKeys("history-keys");
    private static final SigningKey KEY = TestKeys.newKey("20261201T000000Z-0001");
    private static final TokenIssuer ISSUER = TestKeys.issuer(KEY);

    static {
        KEYS.publish(KEY);
    }
    // Outcome rows need a unique (partition, offset) of their request record: a partition no real one uses.
    private static final int TEST_PARTITION = 999;
    private static final AtomicLong OFFSETS = new AtomicLong();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        OrdersReadContract.register(registry);
        KEYS.register(registry);
    }

    private static TestTopics topics;

    @LocalServerPort
    int port;

    @Autowired
    TestBroker broker;

    @Autowired
    JsonMapper json;

    @Autowired
    ShopperChannels channels;

    /** Not ready, an edge answers 503 to a purchase: its producer does not know the topic yet (ProducerWarmth). */
    @BeforeEach
    void awaitReadiness() {
        await().atMost(WAIT)
                .untilAsserted(() -> http().get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    @Test
    void shoppersNeverSeeEachOthersRequestsByIdByHistoryOrByStream() throws Exception {
        SaleDefined sale = defineSale(new BigDecimal("10.00"), "EUR");
        Caller a = shopper("a");
        Caller b = shopper("b");
        int connected = channels.connectedShoppers();
        Stream streamOfA = stream(a);
        Stream streamOfB = stream(b);
        UUID requestOfA;
        UUID requestOfB;
        try {
            await().atMost(WAIT).until(() -> channels.connectedShoppers() == connected + 2);
            requestOfA = buy(sale, a);
            requestOfB = buy(sale, b);

            // Queued: each sees their own, by id and in their history, and nothing of the other's.
            poll(a, requestOfA)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("QUEUED");
            poll(a, requestOfB).expectStatus().isNotFound();
            poll(b, requestOfA).expectStatus().isNotFound();
            assertThat(requestIds(history(a, ""))).containsExactly(requestOfA);
            assertThat(requestIds(history(b, ""))).containsExactly(requestOfB);
            assertThat(history(a, "").get("items").get(0).get("status").asString())
                    .isEqualTo("QUEUED");

            decide(requestOfA, sale, a, null);
            decide(requestOfB, sale, b, RejectionReason.SOLD_OUT);
            await().atMost(WAIT).until(() -> streamOfA.hasOutcome(requestOfA) && streamOfB.hasOutcome(requestOfB));

            // Decided: the same wall, whether the answer comes from the edge's cache or the database.
            poll(a, requestOfA)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("CONFIRMED");
            poll(b, requestOfB)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("SOLD_OUT");
            poll(a, requestOfB).expectStatus().isNotFound();
            poll(b, requestOfA).expectStatus().isNotFound();
            JsonNode historyOfA = history(a, "");
            assertThat(requestIds(historyOfA)).containsExactly(requestOfA);
            assertThat(historyOfA.get("total").asLong()).isEqualTo(1);
            JsonNode bought = historyOfA.get("items").get(0);
            assertThat(bought.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(bought.get("pricePaid").decimalValue()).isEqualByComparingTo("10.00");
            assertThat(bought.get("currency").asString()).isEqualTo("EUR");
            assertThat(bought.get("productName").asString()).isEqualTo("History test product");
            assertThat(bought.get("acceptedAt").isNull()).isFalse();
            assertThat(bought.get("decidedAt").isNull()).isFalse();
            JsonNode historyOfB = history(b, "");
            assertThat(requestIds(historyOfB)).containsExactly(requestOfB);
            assertThat(historyOfB.get("items").get(0).get("reason").asString()).isEqualTo("SOLD_OUT");
            assertThat(historyOfB.get("items").get(0).get("pricePaid").isNull()).isTrue();
            assertThat(requestIds(history(shopper("c"), ""))).isEmpty();

            // A live stream carries only its owner's updates (queued, then decided).
            assertThat(streamOfA.requestIds()).containsOnly(requestOfA);
            assertThat(streamOfB.requestIds()).containsOnly(requestOfB);
        } finally {
            streamOfA.close();
            streamOfB.close();
        }
        // A new connection replays the owner's stored outcomes, and only theirs.
        Stream againA = stream(a);
        Stream againB = stream(b);
        try {
            await().atMost(WAIT).until(() -> againA.hasOutcome(requestOfA) && againB.hasOutcome(requestOfB));
            assertThat(againA.requestIds()).containsOnly(requestOfA);
            assertThat(againB.requestIds()).containsOnly(requestOfB);
        } finally {
            againA.close();
            againB.close();
        }
    }

    @Test
    void historyIsNewestFirstAndPagedWithBoundedParameters() throws Exception {
        SaleDefined first = defineSale(new BigDecimal("10.00"), "EUR");
        SaleDefined second = defineSale(new BigDecimal("4.25"), "EUR");
        Caller shopper = shopper("pager");
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        List<UUID> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SaleDefined sale = i % 2 == 0 ? first : second;
            oldestFirst.add(
                    stored(sale, shopper, i < 2 ? null : RejectionReason.ALREADY_PURCHASED, t0.plusSeconds(60L * i)));
        }
        List<UUID> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);

        JsonNode page0 = history(shopper, "?page=0&size=2");
        assertThat(requestIds(page0)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(page0.get("total").asLong()).isEqualTo(5);
        assertThat(page0.get("page").asInt()).isZero();
        assertThat(page0.get("size").asInt()).isEqualTo(2);
        assertThat(requestIds(history(shopper, "?page=1&size=2"))).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(requestIds(history(shopper, "?page=2&size=2"))).containsExactlyElementsOf(newestFirst.subList(4, 5));
        assertThat(requestIds(history(shopper, "?page=3&size=2"))).isEmpty();
        JsonNode all = history(shopper, "");
        assertThat(all.get("size").asInt()).isEqualTo(20);
        assertThat(requestIds(all)).containsExactlyElementsOf(newestFirst);
        assertThat(all.get("items").get(4).get("productName").asString()).isEqualTo("History test product");
        assertThat(all.get("items").get(4).get("pricePaid").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(all.get("items").get(3).get("pricePaid").decimalValue()).isEqualByComparingTo("4.25");

        for (String bad : List.of("page=-1", "page=abc", "page=100001", "size=0", "size=101", "size=x")) {
            String field = bad.substring(0, bad.indexOf('='));
            http().get()
                    .uri("/api/me/purchases?" + bad)
                    .header("Authorization", bearer(shopper))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(field)
                    .jsonPath("$.errors.length()")
                    .isEqualTo(1);
        }
        http().get()
                .uri("/api/me/purchases")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anOrderKeepsThePriceItWasSoldAtWhenTheSalePriceChangesLater() throws Exception {
        SaleDefined sale = defineSale(new BigDecimal("10.00"), "EUR");
        Caller early = shopper("early");
        Caller late = shopper("late");
        UUID earlyRequest = buy(sale, early);
        decide(earlyRequest, sale, early, null);

        SaleDefined cheaper = redefine(sale, new BigDecimal("7.50"));
        UUID lateRequest = buy(cheaper, late);
        decide(lateRequest, cheaper, late, null);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(history(early, "").get("items").get(0).get("status").asString())
                    .isEqualTo("CONFIRMED");
            assertThat(history(late, "").get("items").get(0).get("status").asString())
                    .isEqualTo("CONFIRMED");
        });
        assertThat(history(early, "").get("items").get(0).get("pricePaid").decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(history(late, "").get("items").get(0).get("pricePaid").decimalValue())
                .isEqualByComparingTo("7.50");
        JsonNode revenue = admin("/api/admin/sales/" + sale.saleId() + "/purchases")
                .get("totals")
                .get("revenue");
        assertThat(revenue).hasSize(1);
        assertThat(revenue.get(0).get("amount").decimalValue()).isEqualByComparingTo("17.50");
        assertThat(revenue.get(0).get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void adminRoutesRefuseAnonymousAndShoppersAndGiveAdminsTheTotals() throws Exception {
        SaleDefined sale = defineSale(new BigDecimal("10.00"), "EUR");
        SaleDefined dollars = defineSale(new BigDecimal("5.00"), "USD");
        Caller a = shopper("a");
        Caller b = shopper("b");
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        UUID first = stored(sale, a, null, t0);
        stored(sale, b, null, t0.plusSeconds(1));
        stored(sale, shopper("c"), RejectionReason.SOLD_OUT, t0.plusSeconds(2));
        stored(sale, shopper("d"), RejectionReason.SOLD_OUT, t0.plusSeconds(3));
        UUID newest = stored(sale, a, RejectionReason.ALREADY_PURCHASED, t0.plusSeconds(4));
        stored(dollars, a, null, t0.plusSeconds(5));

        for (String route : List.of(
                "/api/admin/sales/" + sale.saleId() + "/purchases", "/api/admin/users/" + a.userId() + "/purchases")) {
            http().get()
                    .uri(route)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("UNAUTHENTICATED");
            http().get()
                    .uri(route)
                    .header("Authorization", bearer(a))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("FORBIDDEN");
        }

        JsonNode ofSale = admin("/api/admin/sales/" + sale.saleId() + "/purchases?size=2");
        assertThat(ofSale.get("total").asLong()).isEqualTo(5);
        assertThat(ofSale.get("items")).hasSize(2);
        assertThat(ofSale.get("items").get(0).get("requestId").asString()).isEqualTo(newest.toString());
        assertThat(ofSale.get("items").get(0).get("userId").asString())
                .isEqualTo(a.userId().toString());
        JsonNode totals = ofSale.get("totals");
        assertThat(totals.get("requests").asLong()).isEqualTo(5);
        assertThat(totals.get("confirmed").asLong()).isEqualTo(2);
        assertThat(totals.get("rejected").get("SOLD_OUT").asLong()).isEqualTo(2);
        assertThat(totals.get("rejected").get("ALREADY_PURCHASED").asLong()).isEqualTo(1);
        assertThat(totals.get("rejected").size()).isEqualTo(2);
        assertThat(totals.get("revenue")).hasSize(1);
        assertThat(totals.get("revenue").get(0).get("amount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(totals.get("revenue").get(0).get("currency").asString()).isEqualTo("EUR");
        assertThat(requestIds(admin("/api/admin/sales/" + sale.saleId() + "/purchases?page=2&size=2")))
                .containsExactly(first);

        JsonNode ofUser = admin("/api/admin/users/" + a.userId() + "/purchases");
        assertThat(ofUser.get("total").asLong()).isEqualTo(3);
        assertThat(ofUser.get("items")).hasSize(3);
        assertThat(ofUser.get("totals").get("confirmed").asLong()).isEqualTo(2);
        assertThat(ofUser.get("totals").get("rejected").get("ALREADY_PURCHASED").asLong())
                .isEqualTo(1);
        JsonNode revenue = ofUser.get("totals").get("revenue");
        assertThat(revenue).hasSize(2);
        assertThat(revenue.get(0).get("currency").asString()).isEqualTo("EUR");
        assertThat(revenue.get(0).get("amount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(revenue.get(1).get("currency").asString()).isEqualTo("USD");
        assertThat(revenue.get(1).get("amount").decimalValue()).isEqualByComparingTo("5.00");

        http().get()
                .uri("/api/admin/sales/" + UUID.randomUUID() + "/purchases")
                .header("Authorization", bearer(admin()))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("SALE_NOT_FOUND");
        http().get()
                .uri("/api/admin/users/" + a.userId() + "/purchases?size=1000")
                .header("Authorization", bearer(admin()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
    }

    @Test
    void aSoldOutSaleSaysWhenItsLastUnitWasConfirmedAndHowManyShoppersWatchIt() throws Exception {
        SaleDefined sale = defineSale(new BigDecimal("10.00"), "EUR");
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        stored(sale, shopper("a"), null, t0);
        UUID last = UUID.randomUUID();
        store(last, sale, shopper("b"), null, t0.plusMillis(100), t0.plusMillis(640));
        store(UUID.randomUUID(), sale, shopper("c"), RejectionReason.SOLD_OUT, t0.plusMillis(200), t0.plusMillis(900));
        assertThat(one(sale, null).get("soldOutAt").isNull())
                .as("units are left")
                .isTrue();

        topics().send(
                        Topics.SALE_STATUS,
                        sale.saleId(),
                        new com.flashsale.contracts.SaleStatusChanged(
                                com.flashsale.contracts.SaleStatusChanged.VERSION,
                                sale.saleId(),
                                sale.stock(),
                                0,
                                0,
                                3,
                                10.0,
                                Instant.now()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(one(sale, null).get("soldOutAt").asString())
                        .isEqualTo(t0.plusMillis(640).toString()));
        JsonNode listed = StreamSupport.stream(list().get("items").spliterator(), false)
                .filter(item -> item.get("id").asString().equals(sale.saleId().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("status").asString()).isEqualTo("SOLD_OUT");
        assertThat(listed.get("soldOutAt").asString())
                .isEqualTo(t0.plusMillis(640).toString());

        for (String viewer : List.of("viewer-0001", "viewer-0002", "viewer-0003", "viewer-0001")) {
            one(sale, viewer);
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                one(sale, "viewer-0002").get("watching").asInt())
                        .isEqualTo(3));
        http().get()
                .uri("/api/sales/" + sale.saleId())
                .header("X-Viewer-Id", "no")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field")
                .isEqualTo("X-Viewer-Id");
    }

    @Test
    void aSalesProgressCountsUnitsRequestsAndRefusalsPerSecondForAdminsOnly() throws Exception {
        SaleDefined sale = defineSale(new BigDecimal("10.00"), "EUR");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
        store(UUID.randomUUID(), sale, shopper("a"), null, t0.plusMillis(100), t0.plusMillis(300));
        store(UUID.randomUUID(), sale, shopper("b"), null, t0.plusMillis(200), t0.plusMillis(1100));
        store(
                UUID.randomUUID(),
                sale,
                shopper("c"),
                RejectionReason.ALREADY_PURCHASED,
                t0.plusMillis(1050),
                t0.plusMillis(1200));
        store(
                UUID.randomUUID(),
                sale,
                shopper("d"),
                RejectionReason.SOLD_OUT,
                t0.plusMillis(2000),
                t0.plusMillis(2010));
        topics().send(
                        Topics.SALE_STATUS,
                        sale.saleId(),
                        new com.flashsale.contracts.SaleStatusChanged(
                                com.flashsale.contracts.SaleStatusChanged.VERSION,
                                sale.saleId(),
                                sale.stock(),
                                0,
                                0,
                                4,
                                10.0,
                                Instant.now()));
        Caller late = shopper("late");
        await().atMost(WAIT)
                .untilAsserted(() -> http().post()
                        .uri("/api/sales/" + sale.saleId() + "/purchases")
                        .header("Authorization", bearer(late))
                        .exchange()
                        .expectStatus()
                        .isEqualTo(409)
                        .expectBody()
                        .jsonPath("$.reason")
                        .isEqualTo("SOLD_OUT"));
        String route = "/api/admin/sales/" + sale.saleId() + "/progress";
        long edgeSoldOut = admin(route).get("edgeRefusals").get("SOLD_OUT").asLong();
        assertThat(edgeSoldOut).as("this edge's own refusals").isPositive();

        JsonNode progress = admin(route);

        assertThat(progress.get("saleId").asString()).isEqualTo(sale.saleId().toString());
        assertThat(progress.get("stock").asInt()).isEqualTo(10);
        assertThat(progress.get("remaining").asInt()).isZero();
        assertThat(progress.get("sold").asLong()).isEqualTo(2);
        assertThat(progress.get("status").asString()).isEqualTo("SOLD_OUT");
        assertThat(progress.get("refusals").get("ALREADY_PURCHASED").asLong()).isEqualTo(1);
        assertThat(progress.get("refusals").get("SOLD_OUT").asLong())
                .as("the stored rejection and the edge's refusals")
                .isEqualTo(1 + edgeSoldOut);
        JsonNode series = progress.get("series");
        assertThat(series.get(0).get("at").asString())
                .as("from the sale's start")
                .isEqualTo(sale.startsAt().truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(second(series, t0)).isEqualTo(List.of(1L, 2L, 0L));
        assertThat(second(series, t0.plusSeconds(1))).isEqualTo(List.of(2L, 1L, 1L));
        assertThat(second(series, t0.plusSeconds(2))).isEqualTo(List.of(2L, 1L, 1L));
        assertThat(second(series, t0.minusSeconds(1))).isEqualTo(List.of(0L, 0L, 0L));
        assertThat(series.get(series.size() - 1).get("sold").asLong()).isEqualTo(2);

        JsonNode recent = admin(route + "?since=" + t0.plusMillis(1500));
        assertThat(recent.get("series").get(0).get("at").asString())
                .isEqualTo(t0.plusSeconds(1).toString());
        assertThat(recent.get("series").get(0).get("sold").asLong()).isEqualTo(2);

        http().get().uri(route).exchange().expectStatus().isUnauthorized();
        http().get()
                .uri(route)
                .header("Authorization", bearer(shopper("nosy")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("FORBIDDEN");
        http().get()
                .uri(route + "?since=yesterday")
                .header("Authorization", bearer(admin()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("since");
        http().get()
                .uri("/api/admin/sales/" + UUID.randomUUID() + "/progress")
                .header("Authorization", bearer(admin()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void historyRowsCarryTheOrderIdOfAConfirmedRequestOnly() throws Exception {
        SaleDefined sale = defineSale(new BigDecimal("10.00"), "EUR");
        SaleDefined other = defineSale(new BigDecimal("3.00"), "EUR");
        Caller shopper = shopper("buyer");
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        UUID bought = stored(sale, shopper, null, t0);
        UUID refused = stored(other, shopper, RejectionReason.SOLD_OUT, t0.plusSeconds(1));

        JsonNode items = history(shopper, "").get("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("requestId").asString()).isEqualTo(refused.toString());
        assertThat(items.get(0).get("orderId").isNull()).isTrue();
        assertThat(items.get(1).get("orderId").asString())
                .as("the order's key is the request that made it")
                .isEqualTo(bought.toString());
        assertThat(items.get(1).get("pricePaid").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(admin("/api/admin/users/" + shopper.userId() + "/purchases")
                        .get("items")
                        .get(1)
                        .get("orderId")
                        .asString())
                .isEqualTo(bought.toString());
    }

    /** One second of a progress series: [sold so far, requests, rejected]. */
    private static List<Long> second(JsonNode series, Instant at) {
        for (JsonNode second : series) {
            if (second.get("at").asString().equals(at.toString())) {
                return List.of(
                        second.get("sold").asLong(),
                        second.get("requests").asLong(),
                        second.get("rejected").asLong());
            }
        }
        throw new AssertionError("no second " + at + " in " + series);
    }

    private JsonNode one(SaleDefined sale, String viewerId) {
        return http().get()
                .uri("/api/sales/" + sale.saleId())
                .headers(h -> {
                    if (viewerId != null) {
                        h.set("X-Viewer-Id", viewerId);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode list() {
        return http().get()
                .uri("/api/sales")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    // --- a small DSL: the shopper's side over HTTP, order-processor's side over its schema and Kafka ---

    private WebTestClient http() {
        // A shared machine may be slow to answer: the default 5 s would fail a test that only waits.
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(WAIT)
                .build();
    }

    private WebTestClient.ResponseSpec poll(Caller caller, UUID requestId) {
        return http().get()
                .uri("/api/purchases/" + requestId)
                .header("Authorization", bearer(caller))
                .exchange();
    }

    private JsonNode history(Caller caller, String query) {
        return http().get()
                .uri("/api/me/purchases" + query)
                .header("Authorization", bearer(caller))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode admin(String route) {
        return http().get()
                .uri(route)
                .header("Authorization", bearer(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<UUID> requestIds(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> UUID.fromString(item.get("requestId").asString()))
                .toList();
    }

    /** Buys and expects a 202: the request id it carries. */
    private UUID buy(SaleDefined sale, Caller shopper) {
        JsonNode accepted = http().post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .header("Authorization", bearer(shopper))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString(accepted.get("requestId").asString());
    }

    /** As order-processor decides a request: the outcome (and order) committed, then published. */
    private void decide(UUID requestId, SaleDefined sale, Caller shopper, RejectionReason reason) throws SQLException {
        Instant now = Instant.now();
        store(requestId, sale, shopper, reason, now.minusMillis(5), now);
        topics().send(
                        Topics.PURCHASE_OUTCOMES,
                        shopper.userId(),
                        new PurchaseDecided(
                                PurchaseDecided.VERSION,
                                requestId,
                                sale.saleId(),
                                shopper.userId(),
                                reason == null ? PurchaseStatus.CONFIRMED : PurchaseStatus.REJECTED,
                                reason,
                                now.minusMillis(5),
                                now));
    }

    /** A request order-processor decided earlier, accepted at {@code acceptedAt}: its id. */
    private UUID stored(SaleDefined sale, Caller shopper, RejectionReason reason, Instant acceptedAt)
            throws SQLException {
        UUID requestId = UUID.randomUUID();
        store(requestId, sale, shopper, reason, acceptedAt, acceptedAt.plusMillis(20));
        return requestId;
    }

    private void store(
            UUID requestId, SaleDefined sale, Caller shopper, RejectionReason reason, Instant acceptedAt, Instant at)
            throws SQLException {
        try (Connection c = OrdersReadContract.owner()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO orders.purchase_outcomes (request_id, sale_id,"
                    + " user_id, status, reason, accepted_at, decided_at, source_partition, source_offset)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, requestId);
                s.setObject(2, sale.saleId());
                s.setObject(3, shopper.userId());
                s.setString(4, reason == null ? "CONFIRMED" : "REJECTED");
                s.setString(5, reason == null ? null : reason.name());
                s.setTimestamp(6, Timestamp.from(acceptedAt));
                s.setTimestamp(7, Timestamp.from(at));
                s.setInt(8, TEST_PARTITION);
                s.setLong(9, OFFSETS.incrementAndGet());
                s.executeUpdate();
            }
            if (reason == null) {
                // The order is sold at the sale's price of the moment, as order-processor's copy has it.
                try (PreparedStatement s = c.prepareStatement("INSERT INTO orders.orders (request_id, sale_id, user_id,"
                        + " price, currency, accepted_at, confirmed_at) SELECT ?, sale_id, ?, price, currency, ?, ?"
                        + " FROM orders.sales WHERE sale_id = ?")) {
                    s.setObject(1, requestId);
                    s.setObject(2, shopper.userId());
                    s.setTimestamp(3, Timestamp.from(acceptedAt));
                    s.setTimestamp(4, Timestamp.from(at));
                    s.setObject(5, sale.saleId());
                    assertThat(s.executeUpdate()).isEqualTo(1);
                }
            }
            c.commit();
        }
    }

    /** A sale open now, known to the edge (sales topic) and to order-processor (its copy). */
    private SaleDefined defineSale(BigDecimal price, String currency) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "History test product",
                price,
                currency,
                10,
                now.minusSeconds(60),
                now.plusSeconds(3600),
                1,
                Instant.now());
        try (Connection c = OrdersReadContract.owner();
                PreparedStatement s = c.prepareStatement("INSERT INTO orders.sales (sale_id, stock, remaining, price,"
                        + " currency, starts_at, ends_at, definition_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, sale.saleId());
            s.setInt(2, sale.stock());
            s.setInt(3, sale.stock());
            s.setBigDecimal(4, sale.price());
            s.setString(5, sale.currency());
            s.setTimestamp(6, Timestamp.from(sale.startsAt()));
            s.setTimestamp(7, Timestamp.from(sale.endsAt()));
            s.setLong(8, sale.version());
            s.executeUpdate();
        }
        publishAndAwait(sale);
        return sale;
    }

    /** The sale at a new price, everywhere: as catalog-service publishes a change of it. */
    private SaleDefined redefine(SaleDefined sale, BigDecimal price) throws SQLException {
        SaleDefined changed = new SaleDefined(
                SaleDefined.VERSION,
                sale.saleId(),
                sale.productId(),
                sale.productName(),
                price,
                sale.currency(),
                sale.stock(),
                sale.startsAt(),
                sale.endsAt(),
                sale.version() + 1,
                Instant.now());
        try (Connection c = OrdersReadContract.owner();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE orders.sales SET price = ?, definition_version = ? WHERE sale_id = ?")) {
            s.setBigDecimal(1, price);
            s.setLong(2, changed.version());
            s.setObject(3, sale.saleId());
            s.executeUpdate();
        }
        publishAndAwait(changed);
        return changed;
    }

    private void publishAndAwait(SaleDefined sale) {
        topics().send(Topics.SALES, sale.saleId(), sale);
        await().atMost(WAIT)
                .untilAsserted(() -> http().get()
                        .uri("/api/sales/" + sale.saleId())
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.price")
                        .isEqualTo(sale.price().doubleValue()));
    }

    /** A shopper's SSE stream, read in the background: the events with their JSON. */
    private Stream stream(Caller shopper) {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Disposable subscription = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/purchases/events")
                .header("Authorization", bearer(shopper))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .filter(e -> e.event() != null)
                .subscribe(e -> events.add(json.readTree(e.data())));
        return new Stream(events, subscription);
    }

    private record Stream(List<JsonNode> events, Disposable subscription) {

        Set<UUID> requestIds() {
            return events.stream()
                    .map(e -> UUID.fromString(e.get("requestId").asString()))
                    .collect(Collectors.toSet());
        }

        boolean hasOutcome(UUID requestId) {
            return requestId != null
                    && events.stream()
                            .anyMatch(e -> e.get("requestId").asString().equals(requestId.toString())
                                    && !"QUEUED".equals(e.get("status").asString()));
        }

        void close() {
            subscription.dispose();
        }
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

    private static Caller shopper(String name) {
        return new Caller(UUID.randomUUID(), name, Caller.Role.USER, null);
    }

    private static Caller admin() {
        return new Caller(UUID.randomUUID(), "admin", Caller.Role.ADMIN, null);
    }

    private static String bearer(Caller caller) {
        return "Bearer " + ISSUER.issue(caller, Instant.now()).token();
    }
}
