package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.Caller;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestKafka;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * edge-api over HTTP against a real Kafka broker and a real PostgreSQL (embedded, or
 * containers where Docker runs: TestInfrastructure).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "flashsale.catalog-url=http://127.0.0.1:9",
            // Not a test of warmth (StartupWarmthIT is): a short warm-up keeps readiness quick on a shared
            // machine (the full one took more than the 30 s readiness wait at a load of 30).
            "flashsale.edge.warmup.verifications=200",
            "flashsale.edge.warmup.requests=200"
        })
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class EdgeIT {

    @org.springframework.boot.test.context.TestConfiguration
    static class InjectedClock {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    MutableClock clock;

    private static final TestKeys KEYS = new TestKeys("edge-keys");
    private static final SigningKey KEY = TestKeys.newKey("20261201T000000Z-0001");
    private static final TokenIssuer ISSUER = TestKeys.issuer(KEY);

    static {
        KEYS.publish(KEY);
    }

    /** A stand-in for order-processor's internal lag route: the edge's part is fetching and guarding it. */
    private static final com.sun.net.httpserver.HttpServer PROCESSOR = processorLagRoute();

    private static final String LAG_REPORT =
            "{\"topic\":\"" + Topics.PURCHASE_REQUESTS + "\",\"group\":\"order-processor\","
                    + "\"sampledAt\":\"2026-12-01T12:00:00Z\",\"sampleEveryMs\":2000,\"window\":10,\"totalLag\":7,"
                    + "\"partitions\":[{\"partition\":0,\"endOffset\":107,\"appliedOffset\":100,\"committedOffset\":null,"
                    + "\"lag\":7,\"oldestWaitingAgeMs\":1500,\"applyRatePerSecond\":0.0,\"drainEstimateSeconds\":null,"
                    + "\"owner\":{\"memberId\":\"m-1\",\"clientId\":\"consumer-1\",\"host\":\"/127.0.0.1\"},"
                    + "\"status\":\"STALLED\"}]}";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // The edge owns no schema: it reads order-processor's read contract, and only that.
        OrdersReadContract.register(registry);
        KEYS.register(registry);
        // The first does not answer: the edge goes on to the next.
        registry.add(
                "flashsale.orders-urls",
                () -> "http://127.0.0.1:9,http://127.0.0.1:"
                        + PROCESSOR.getAddress().getPort());
    }

    private static com.sun.net.httpserver.HttpServer processorLagRoute() {
        try {
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/ops/lag", exchange -> {
                byte[] body = LAG_REPORT.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopProcessorLagRoute() {
        PROCESSOR.stop(0);
    }

    @LocalServerPort
    int port;

    private static TestTopics topics;

    @Autowired
    TestBroker broker;

    @Autowired
    JsonMapper json;

    /** Not ready, an edge answers 503 to a purchase: its producer does not know the topic yet (ProducerWarmth). */
    @BeforeEach
    void awaitReadiness() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    @Test
    void admitsAPurchaseOnlyAfterKafkaHoldsItAndTellsTheOwnerItIsQueued() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Caller shopper = shopper();

        JsonNode accepted = purchase(sale.saleId(), shopper, null)
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        UUID requestId = UUID.fromString(accepted.get("requestId").asString());
        assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");
        PurchaseRequested onKafka = readRequest(requestId);
        assertThat(onKafka.saleId()).isEqualTo(sale.saleId());
        assertThat(onKafka.userId()).isEqualTo(shopper.userId());
        assertThat(onKafka.acceptedAt()).isBetween(sale.startsAt(), sale.endsAt());
        http().get()
                .uri("/api/purchases/" + requestId)
                .header("Authorization", bearer(shopper))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("QUEUED");
        http().get()
                .uri("/api/purchases/" + requestId)
                .header("Authorization", bearer(shopper()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void answersTheOutcomeOnceDecidedAndRefusesASecondPurchaseAtTheEdge() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Caller shopper = shopper();
        UUID requestId = UUID.fromString(acceptedId(sale.saleId(), shopper, "key-1"));

        topics().send(
                        Topics.PURCHASE_OUTCOMES,
                        shopper.userId(),
                        new PurchaseDecided(
                                PurchaseDecided.VERSION,
                                requestId,
                                sale.saleId(),
                                shopper.userId(),
                                PurchaseStatus.CONFIRMED,
                                null,
                                Instant.now(),
                                Instant.now()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/api/purchases/" + requestId)
                        .header("Authorization", bearer(shopper))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("CONFIRMED"));
        // The same key again is the same request: its answer, not a new order.
        purchase(sale.saleId(), shopper, "key-1")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.requestId")
                .isEqualTo(requestId.toString())
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED");
        purchase(sale.saleId(), shopper, "key-2")
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("ALREADY_PURCHASED");
    }

    @Test
    void streamsQueuedThenTheOutcomeToItsOwnerOverSse() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Caller shopper = shopper();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscription = org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/purchases/events")
                .header("Authorization", bearer(shopper))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(
                        new org.springframework.core.ParameterizedTypeReference<
                                org.springframework.http.codec.ServerSentEvent<String>>() {})
                .filter(e -> e.event() != null)
                .subscribe(e -> events.add(e.event() + " " + e.data()));
        try {
            // Until the stream is registered, a purchase's "queued" event has nowhere to go: retry.
            String requestId = null;
            while (requestId == null) {
                requestId = acceptedId(sale.saleId(), shopper, "sse-" + UUID.randomUUID());
                String id = requestId;
                try {
                    await().atMost(Duration.ofSeconds(2))
                            .until(() -> events.stream().anyMatch(e -> e.startsWith("queued") && e.contains(id)));
                } catch (org.awaitility.core.ConditionTimeoutException notYetSubscribed) {
                    requestId = null;
                }
            }
            UUID decided = UUID.fromString(requestId);

            // order-processor reports progress on the request's partition: the shopper sees the new place.
            ConsumerRecord<String, String> record = requestRecord(decided);
            topics().send(
                            Topics.SALE_STATUS,
                            sale.saleId(),
                            new SaleStatusChanged(
                                    SaleStatusChanged.VERSION,
                                    sale.saleId(),
                                    sale.stock(),
                                    sale.stock(),
                                    record.partition(),
                                    record.offset() - 2,
                                    100.0,
                                    Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.stream()
                            .anyMatch(e -> e.startsWith("queued")
                                    && e.contains(decided.toString())
                                    && e.contains("\"position\":3")));

            PurchaseDecided outcome = new PurchaseDecided(
                    PurchaseDecided.VERSION,
                    decided,
                    sale.saleId(),
                    shopper.userId(),
                    PurchaseStatus.REJECTED,
                    RejectionReason.SOLD_OUT,
                    Instant.now(),
                    Instant.now());
            topics().send(Topics.PURCHASE_OUTCOMES, shopper.userId(), outcome);
            topics().send(Topics.PURCHASE_OUTCOMES, shopper.userId(), outcome); // at least once: a duplicate

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            events.stream().anyMatch(e -> e.startsWith("outcome") && e.contains(decided.toString())));
            assertThat(events.stream().filter(e -> e.startsWith("outcome")).toList())
                    .singleElement()
                    .satisfies(e -> assertThat(e).contains("SOLD_OUT"));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void showsAdminsTheProcessorsLagReportFromTheFirstProcessorThatAnswersAndNobodyElse() {
        String admin = bearer(new Caller(UUID.randomUUID(), "ops-admin", Caller.Role.ADMIN, null));
        http().mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/api/admin/ops/lag")
                .header("Authorization", admin)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.topic")
                .isEqualTo(Topics.PURCHASE_REQUESTS)
                .jsonPath("$.partitions[0].lag")
                .isEqualTo(7)
                .jsonPath("$.partitions[0].status")
                .isEqualTo("STALLED")
                .jsonPath("$.partitions[0].owner.clientId")
                .isEqualTo("consumer-1")
                .jsonPath("$.partitions[0].oldestWaitingAgeMs")
                .isEqualTo(1500);
        http().get()
                .uri("/api/admin/ops/lag")
                .header("Authorization", bearer(shopper()))
                .exchange()
                .expectStatus()
                .isForbidden();
        http().get().uri("/api/admin/ops/lag").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void countsPurchaseAnswersByStatusAndReasonAndOpenStreamsAtPrometheus() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        String queued = "flashsale_edge_purchase_answers_total{reason=\"QUEUED\",status=\"202\"}";
        String notFound = "flashsale_edge_purchase_answers_total{reason=\"SALE_NOT_FOUND\",status=\"404\"}";
        String accepted = "flashsale_edge_purchase_accepted_seconds_count";
        String streams = "flashsale_edge_sse_connections";
        double queuedBefore = metric(queued);
        double notFoundBefore = metric(notFound);
        double acceptedBefore = metric(accepted);
        double streamsBefore = metric(streams);

        acceptedId(sale.saleId(), shopper(), "metrics-" + UUID.randomUUID());
        acceptedId(sale.saleId(), shopper(), "metrics-" + UUID.randomUUID());
        purchase(UUID.randomUUID(), shopper(), null).expectStatus().isNotFound();
        var stream = org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/purchases/events")
                .header("Authorization", bearer(shopper()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(String.class)
                .subscribe();
        try {
            assertThat(metric(queued) - queuedBefore).isEqualTo(2.0);
            assertThat(metric(notFound) - notFoundBefore).isEqualTo(1.0);
            assertThat(metric(accepted) - acceptedBefore).isEqualTo(2.0);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(streams) == streamsBefore + 1);
        } finally {
            stream.dispose();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(streams) == streamsBefore);
        // Low cardinality: no id of a sale, shopper or request in any tag.
        assertThat(prometheus()).doesNotContain(sale.saleId().toString());
    }

    private String prometheus() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The value of the sample whose name and tags start the line, e.g. {@code name{tag="v"}}. */
    private double metric(String sample) {
        return prometheus()
                .lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample));
    }

    @Test
    void turnsNewRequestsAwayWith503WhileEveryUnitLeftIsClaimedAndAdmitsAgainOnceAnOutcomeFreesOne() {
        // 5 units: 1.5 claims a unit, but never fewer than 64 requests waiting (application.yml).
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        List<Caller> waitingShoppers = new ArrayList<>();
        List<String> waitingIds = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Caller shopper = shopper();
            waitingShoppers.add(shopper);
            waitingIds.add(acceptedId(sale.saleId(), shopper, null));
        }
        Caller late = shopper();

        purchase(sale.saleId(), late, "late-1")
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("UNITS_CLAIMED")
                .jsonPath("$.requestId")
                .doesNotExist();
        // Nothing was sent for it: the 64 waiting requests are the sale's only ones on Kafka.
        assertThat(topics().requests(r -> r.saleId().equals(sale.saleId()), 64))
                .hasSize(64)
                .noneMatch(r -> r.userId().equals(late.userId()));

        // One outcome heard gives its claim back: the late shopper's retry is admitted.
        topics().send(
                        Topics.PURCHASE_OUTCOMES,
                        waitingShoppers.get(0).userId(),
                        new PurchaseDecided(
                                PurchaseDecided.VERSION,
                                UUID.fromString(waitingIds.get(0)),
                                sale.saleId(),
                                waitingShoppers.get(0).userId(),
                                PurchaseStatus.CONFIRMED,
                                null,
                                Instant.now(),
                                Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        purchase(sale.saleId(), late, "late-1").expectStatus().isAccepted());
    }

    @Test
    void judgesTheWindowOnTheEdgeClockStartInclusiveEndExclusive() {
        Instant start = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        Instant end = start.plusSeconds(600);
        SaleDefined sale = defineSale(start, end);
        try {
            clock.standAt(start.minusMillis(1));
            purchase(sale.saleId(), shopper(), null)
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("SALE_NOT_ACTIVE");
            clock.standAt(start);
            UUID atStart = UUID.fromString(acceptedId(sale.saleId(), shopper(), null));
            clock.standAt(end.minusMillis(1));
            UUID beforeEnd = UUID.fromString(acceptedId(sale.saleId(), shopper(), null));
            clock.standAt(end);
            purchase(sale.saleId(), shopper(), null)
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("SALE_NOT_ACTIVE");

            // The acceptance instant travels with the request: the processor judges it, not its own clock.
            assertThat(readRequest(atStart).acceptedAt()).isEqualTo(start);
            assertThat(readRequest(beforeEnd).acceptedAt()).isEqualTo(end.minusMillis(1));
        } finally {
            clock.follow();
        }
    }

    @Test
    void sameIdempotencyKeyGivesTheSameRequestId() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Caller shopper = shopper();

        String first = acceptedId(sale.saleId(), shopper, "retry-me");
        String second = acceptedId(sale.saleId(), shopper, "retry-me");
        SaleDefined otherSale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        purchase(otherSale.saleId(), shopper, "retry-me")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
        String other = acceptedId(sale.saleId(), shopper(), "retry-me");

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void refusesAtOnceWhatCanBeDecidedAtTheEdge() {
        Caller shopper = shopper();
        purchase(UUID.randomUUID(), shopper, null)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("SALE_NOT_FOUND");

        SaleDefined upcoming =
                defineSale(Instant.now().plusSeconds(600), Instant.now().plusSeconds(3600));
        purchase(upcoming.saleId(), shopper, null)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("SALE_NOT_ACTIVE");

        SaleDefined soldOut =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        topics().send(
                        Topics.SALE_STATUS,
                        soldOut.saleId(),
                        // Stock only (partition -1): no queue progress, which the SSE test reads on its own partition.
                        new SaleStatusChanged(
                                SaleStatusChanged.VERSION, soldOut.saleId(), 5, 0, -1, -1, 0, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> purchase(soldOut.saleId(), shopper, null)
                        .expectStatus()
                        .isEqualTo(HttpStatus.CONFLICT)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.reason")
                        .isEqualTo("SOLD_OUT")
                        .jsonPath("$.status")
                        .isEqualTo(409)
                        .jsonPath("$.title")
                        .isEqualTo("Conflict")
                        .jsonPath("$.type")
                        .isEqualTo("https://flashsale.dev/problems/sold-out")
                        .jsonPath("$.detail")
                        .isEqualTo("The sale is sold out.")
                        .jsonPath("$.instance")
                        .isEqualTo("/api/sales/" + soldOut.saleId() + "/purchases"));

        http().post()
                .uri("/api/sales/" + soldOut.saleId() + "/purchases")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("UNAUTHENTICATED");
        http().post()
                .uri("/api/sales/" + soldOut.saleId() + "/purchases")
                .header("Authorization", "Bearer forged")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http().post()
                .uri("/api/sales/not-a-uuid/purchases")
                .header("Authorization", bearer(shopper))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void listsSalesWithStatusRemainingAndServerTime() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        http().get()
                .uri("/api/sales/" + sale.saleId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.remaining")
                .isEqualTo(5)
                .jsonPath("$.serverTime")
                .exists();
        http().get()
                .uri("/api/sales")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + sale.saleId() + "')].productName")
                .isEqualTo("Edge test product");
        http().get()
                .uri("/api/time")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.serverTime")
                .exists();
    }

    @Test
    void aSaleDefinedAheadOfItsStartIsPurchasableWithinASecondOfIt() {
        // As an admin creates it: published before it opens (the catalog publishes on commit).
        Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        SaleDefined sale = defineSale(start, start.plusSeconds(3600));
        http().get()
                .uri("/api/sales/" + sale.saleId())
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UPCOMING");
        Caller shopper = shopper();

        String[] requestId = new String[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var result = purchase(sale.saleId(), shopper, "at-start").returnResult(JsonNode.class);
                    if (result.getStatus().value() != 202) {
                        return false;
                    }
                    requestId[0] = result.getResponseBody()
                            .blockFirst()
                            .get("requestId")
                            .asString();
                    return true;
                });

        // The first admitted request was accepted (edge clock) inside the sale's first second.
        Instant acceptedAt = readRequest(UUID.fromString(requestId[0])).acceptedAt();
        assertThat(acceptedAt).isBetween(start, start.plusMillis(999));
    }

    @Test
    void aCancelledSaleRefusesPurchasesAtOnceAndIsShownCancelled() {
        SaleDefined sale =
                defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        acceptedId(sale.saleId(), shopper(), null);

        topics().send(Topics.SALES, sale.saleId(), sale.cancel(Instant.now()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> purchase(sale.saleId(), shopper(), null)
                        .expectStatus()
                        .isEqualTo(HttpStatus.CONFLICT)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.reason")
                        .isEqualTo("SALE_CANCELLED")
                        .jsonPath("$.type")
                        .isEqualTo("https://flashsale.dev/problems/sale-cancelled")
                        .jsonPath("$.detail")
                        .isEqualTo("The sale was cancelled."));
        http().get()
                .uri("/api/sales/" + sale.saleId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED")
                .jsonPath("$.cancelledAt")
                .exists();
        // An older version delivered late does not undo the cancellation.
        topics().send(Topics.SALES, sale.saleId(), sale);
        defineSale(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)); // read after the old one
        http().get()
                .uri("/api/sales")
                .exchange()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + sale.saleId() + "')].status")
                .isEqualTo("CANCELLED");
    }

    @Test
    void aRaisedStockSellsAgainAtTheEdgeAndTheListShowsPricesAndStock() {
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Edge test product",
                new BigDecimal("10.00"),
                "EUR",
                5,
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS),
                Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS),
                1,
                Instant.now(),
                new BigDecimal("25.00"),
                null);
        topics().send(Topics.SALES, sale.saleId(), sale);
        topics().send(
                        Topics.SALE_STATUS,
                        sale.saleId(),
                        new SaleStatusChanged(
                                SaleStatusChanged.VERSION, sale.saleId(), 5, 0, -1, -1, 0, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> purchase(sale.saleId(), shopper(), null)
                        .expectStatus()
                        .isEqualTo(HttpStatus.CONFLICT)
                        .expectBody()
                        .jsonPath("$.reason")
                        .isEqualTo("SOLD_OUT"));

        topics().send(Topics.SALES, sale.saleId(), sale.withStock(8, Instant.now()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/api/sales/" + sale.saleId())
                        .exchange()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("ACTIVE")
                        .jsonPath("$.stock")
                        .isEqualTo(8)
                        .jsonPath("$.remaining")
                        .isEqualTo(3)
                        .jsonPath("$.listPrice")
                        .isEqualTo(25.0)
                        .jsonPath("$.price")
                        .isEqualTo(10.0)
                        .jsonPath("$.serverTime")
                        .exists());
        acceptedId(sale.saleId(), shopper(), null);
    }

    @Test
    void reportsAnUnreachableCatalogAsAProblem() {
        http().get()
                .uri("/api/products")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("CATALOG_UNAVAILABLE");
    }

    // --- a small DSL ---

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private WebTestClient.ResponseSpec purchase(UUID saleId, Caller shopper, String key) {
        var request = http().post().uri("/api/sales/" + saleId + "/purchases").header("Authorization", bearer(shopper));
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.exchange();
    }

    private SaleDefined defineSale(Instant start, Instant end) {
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Edge test product",
                new BigDecimal("10.00"),
                "EUR",
                5,
                start.truncatedTo(ChronoUnit.MILLIS),
                end.truncatedTo(ChronoUnit.MILLIS),
                1,
                Instant.now());
        topics().send(Topics.SALES, sale.saleId(), sale);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/api/sales/" + sale.saleId())
                        .exchange()
                        .expectStatus()
                        .isOk());
        return sale;
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

    /** Buys and expects a 202: the request id it carries. */
    private String acceptedId(UUID saleId, Caller shopper, String idempotencyKey) {
        return purchase(saleId, shopper, idempotencyKey)
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("requestId")
                .asString();
    }

    private PurchaseRequested readRequest(UUID requestId) {
        return json.readValue(requestRecord(requestId).value(), PurchaseRequested.class);
    }

    private ConsumerRecord<String, String> requestRecord(UUID requestId) {
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "edge-it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PURCHASE_REQUESTS));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    PurchaseRequested request = json.readValue(r.value(), PurchaseRequested.class);
                    if (request.requestId().equals(requestId)) {
                        assertThat(r.key()).isEqualTo(request.saleId().toString());
                        found.add(r);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static Caller shopper() {
        return new Caller(UUID.randomUUID(), "shopper", Caller.Role.USER, null);
    }

    private static String bearer(Caller caller) {
        return "Bearer " + ISSUER.issue(caller, Instant.now()).token();
    }
}
