package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.Caller;
import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** edge-api over HTTP against a real Kafka broker (in-JVM, KRaft) and a real PostgreSQL. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "flashsale.catalog-url=http://127.0.0.1:9"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES},
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

    private static final Path KEYS = keyDir();
    private static final KeyPair KEY_PAIR = JwtKeys.loadOrGenerate(KEYS);
    private static final TokenIssuer ISSUER = new TokenIssuer(KEY_PAIR.getPrivate(), Duration.ofHours(1));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // The edge owns no schema: it reads order-processor's, migrated by that service's own scripts.
        EmbeddedDatabase.register(
                registry,
                dataSource -> org.flywaydb.core.Flyway.configure()
                        .dataSource(dataSource)
                        .schemas("orders")
                        .defaultSchema("orders")
                        .locations("filesystem:../order-processor/src/main/resources/db/migration/orders")
                        .load()
                        .migrate());
        registry.add("flashsale.jwt.key-dir", KEYS::toString);
    }

    @LocalServerPort
    int port;

    /** The test's own producer: the edge's never waits for metadata (max.block.ms=0), a test may. */
    private static KafkaProducer<String, String> producer;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @org.junit.jupiter.api.BeforeEach
    void edgeIsReady() {
        // The producer's metadata loads after start (ProducerWarmth): a purchase before that is a 503.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http().get()
                        .uri("/actuator/health")
                        .exchange()
                        .returnResult(Void.class)
                        .getStatus()
                        .is2xxSuccessful());
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

        send(
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
            send(
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
            send(Topics.PURCHASE_OUTCOMES, shopper.userId(), outcome);
            send(Topics.PURCHASE_OUTCOMES, shopper.userId(), outcome); // at least once: a duplicate

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
        send(
                Topics.SALE_STATUS,
                soldOut.saleId(),
                // Stock only (partition -1): no queue progress, which the SSE test reads on its own partition.
                new SaleStatusChanged(SaleStatusChanged.VERSION, soldOut.saleId(), 5, 0, -1, -1, 0, Instant.now()));
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
        send(Topics.SALES, sale.saleId(), sale);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/api/sales/" + sale.saleId())
                        .exchange()
                        .expectStatus()
                        .isOk());
        return sale;
    }

    private void send(String topic, UUID key, Object message) {
        try {
            producer()
                    .send(new ProducerRecord<>(topic, key.toString(), json.writeValueAsString(message)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
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
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "edge-it-" + UUID.randomUUID(), false);
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

    private static Path keyDir() {
        try {
            return Files.createTempDirectory("edge-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
