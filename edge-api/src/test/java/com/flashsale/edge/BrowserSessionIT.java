package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.Caller;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.contracts.AccountChanged;
import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestKafka;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI's session at the edge (docs/adr/0012): the session cookie signs in the edge's own routes
 * (a purchase, its SSE stream) and what the edge routes to catalog-service (here a stand-in that
 * records what it is sent); an unsafe request signed in by the cookie needs the client header, or it
 * is refused with nothing done; the Authorization header wins over the cookie; a disabled account's
 * cookie stops working within seconds.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Not a test of warmth: a short warm-up keeps readiness quick on a shared machine.
            "flashsale.edge.warmup.verifications=200",
            "flashsale.edge.warmup.requests=200"
        })
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class BrowserSessionIT {

    private static final TestKeys KEYS = new TestKeys("edge-session-keys");
    private static final SigningKey KEY = TestKeys.newKey("20261201T000000Z-0001");
    private static final TokenIssuer ISSUER = TestKeys.issuer(KEY);
    private static final CatalogStandIn CATALOG = new CatalogStandIn();
    private static TestTopics topics;

    static {
        KEYS.publish(KEY);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        OrdersReadContract.register(registry);
        KEYS.register(registry);
        registry.add("flashsale.catalog-url", CATALOG::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestBroker broker;

    @Autowired
    JsonMapper json;

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
    void theCookieSignsInWhatTheEdgeRoutesToTheCatalogAsABearerToken() {
        Caller shopper = shopper();
        String token = token(shopper);

        http().get()
                .uri("/api/auth/me?probe=signed-in")
                .cookie("flashsale_session", token)
                .exchange()
                .expectStatus()
                .isOk();
        http().get()
                .uri("/api/auth/me?probe=anonymous")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(CATALOG.seen("GET /api/auth/me?probe=signed-in"))
                .singleElement()
                .satisfies(seen -> assertThat(seen.authorization()).isEqualTo("Bearer " + token));
        assertThat(CATALOG.seen("GET /api/auth/me?probe=anonymous"))
                .as("without a cookie or a header, nobody is handed on")
                .singleElement()
                .satisfies(seen -> assertThat(seen.authorization()).isNull());
    }

    @Test
    void theCatalogGetsThePathAndQueryAsTheBrowserEncodedThem() {
        http().get()
                .uri(java.net.URI.create("http://127.0.0.1:" + port + "/api/products?q=Kettle%20x&tag=a%2Bb&page=0"))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(CATALOG.seen("GET /api/products?q=Kettle%20x&tag=a%2Bb&page=0"))
                .as("encoded once by the browser, never again by the edge")
                .hasSize(1);
    }

    @Test
    void theSignInAnswerSetsItsCookieThroughTheEdge() {
        http().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"user1\",\"password\":\"Satu123\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches("Set-Cookie", "flashsale_session=issued; .*HttpOnly.*");
    }

    @Test
    void aPurchaseAndItsStreamWorkWithTheCookieAndTheClientHeader() {
        SaleDefined sale = defineSale();
        Caller shopper = shopper();
        String token = token(shopper);
        List<String> events = new CopyOnWriteArrayList<>();
        var subscription = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/purchases/events")
                .cookie("flashsale_session", token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .subscribe(e -> events.add(e.event() == null ? ": " + e.comment() : e.event() + " " + e.data()));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.contains(": connected"));
            String requestId = http().post()
                    .uri("/api/sales/" + sale.saleId() + "/purchases")
                    .cookie("flashsale_session", token)
                    .header("X-Flashsale-Client", "web")
                    .header("Idempotency-Key", "cookie-buy")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("requestId")
                    .asString();
            assertThat(topics().requests(r -> r.userId().equals(shopper.userId()), 1))
                    .singleElement()
                    .satisfies(r -> assertThat(r.requestId().toString()).isEqualTo(requestId));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.stream().anyMatch(e -> e.startsWith("queued") && e.contains(requestId)));
            topics().send(
                            Topics.PURCHASE_OUTCOMES,
                            shopper.userId(),
                            new PurchaseDecided(
                                    PurchaseDecided.VERSION,
                                    UUID.fromString(requestId),
                                    sale.saleId(),
                                    shopper.userId(),
                                    PurchaseStatus.CONFIRMED,
                                    null,
                                    Instant.now(),
                                    Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.stream().anyMatch(e -> e.startsWith("outcome") && e.contains(requestId)));
            http().get()
                    .uri("/api/purchases/" + requestId)
                    .cookie("flashsale_session", token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("CONFIRMED");
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void anUnsafeRequestSignedInByTheCookieWithoutTheClientHeaderIsRefusedAndNothingIsDone() {
        SaleDefined sale = defineSale();
        Caller shopper = shopper();
        String token = token(shopper);

        http().post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .cookie("flashsale_session", token)
                .header("Idempotency-Key", "forged")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("CSRF_HEADER_MISSING");
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            http().method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri("/api/admin/products/csrf-" + method)
                    .cookie("flashsale_session", token)
                    .header("X-Flashsale-Client", "not-web")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("CSRF_HEADER_MISSING");
        }
        assertThat(CATALOG.seenStartingWith("/api/admin/products/csrf-"))
                .as("nothing refused is routed on")
                .isEmpty();

        // A later request of the same shopper, with the header, is the only one on the partition.
        http().post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .cookie("flashsale_session", token)
                .header("X-Flashsale-Client", "web")
                .header("Idempotency-Key", "genuine")
                .exchange()
                .expectStatus()
                .isAccepted();
        assertThat(topics().requests(r -> r.userId().equals(shopper.userId()), 1))
                .hasSize(1);
    }

    @Test
    void aCrossSitePreflightForTheClientHeaderIsNeverAllowed() {
        http().options()
                .uri("/api/sales/" + UUID.randomUUID() + "/purchases")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-flashsale-client")
                .exchange()
                .expectHeader()
                .doesNotExist("Access-Control-Allow-Origin")
                .expectHeader()
                .doesNotExist("Access-Control-Allow-Headers");
    }

    @Test
    void theAuthorizationHeaderWinsOverTheCookieAndNeedsNoClientHeader() {
        SaleDefined sale = defineSale();
        Caller bearer = shopper();
        Caller cookie = shopper();

        http().post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .header("Authorization", "Bearer " + token(bearer))
                .cookie("flashsale_session", token(cookie))
                .exchange()
                .expectStatus()
                .isAccepted();
        assertThat(topics().requests(r -> r.saleId().equals(sale.saleId()), 1))
                .singleElement()
                .satisfies(r -> assertThat(r.userId()).isEqualTo(bearer.userId()));

        http().post()
                .uri("/api/sales/" + sale.saleId() + "/purchases")
                .header("Authorization", "Bearer garbage")
                .cookie("flashsale_session", token(cookie))
                .header("X-Flashsale-Client", "web")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aDisabledAccountsCookieStopsWorkingWithinSeconds() {
        Caller shopper = shopper();
        String token = token(shopper);
        assertThat(statusOfAPoll(token)).isEqualTo(404);

        topics().send(
                        Topics.ACCOUNTS,
                        shopper.userId(),
                        new AccountChanged(
                                AccountChanged.VERSION,
                                shopper.userId(),
                                "USER",
                                false,
                                Instant.now(),
                                2,
                                Instant.now()));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> statusOfAPoll(token) == 401);
        http().get()
                .uri("/api/auth/me?probe=disabled")
                .cookie("flashsale_session", token)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(CATALOG.seen("GET /api/auth/me?probe=disabled"))
                .as("a void cookie is not handed on as a token")
                .singleElement()
                .satisfies(seen -> assertThat(seen.authorization()).isNull());
        http().get()
                .uri("/api/purchases/events")
                .cookie("flashsale_session", token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    // --- a small DSL ---

    /** A poll of a request nobody made: 404 for a signed-in caller, 401 for nobody. */
    private int statusOfAPoll(String token) {
        return http().get()
                .uri("/api/purchases/" + UUID.randomUUID())
                .cookie("flashsale_session", token)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static Caller shopper() {
        return new Caller(UUID.randomUUID(), "shopper", Caller.Role.USER, null);
    }

    private static String token(Caller caller) {
        return ISSUER.issue(caller, Instant.now()).token();
    }

    private SaleDefined defineSale() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Session test product",
                new BigDecimal("10.00"),
                "EUR",
                5,
                now.minusSeconds(60),
                now.plusSeconds(3600),
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
    static void close() {
        if (topics != null) {
            topics.close();
        }
        CATALOG.close();
    }

    /** What catalog-service was sent: one line per request, with the Authorization header it carried. */
    record Seen(String request, String authorization) {}

    /** Plays catalog-service: answers every route with 200 and remembers what it was sent. */
    static final class CatalogStandIn implements AutoCloseable {

        private final HttpServer server;
        private final List<Seen> seen = new CopyOnWriteArrayList<>();

        CatalogStandIn() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                String query = exchange.getRequestURI().getRawQuery();
                seen.add(new Seen(
                        exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                if (path.equals("/api/auth/login")) {
                    exchange.getResponseHeaders()
                            .add(
                                    "Set-Cookie",
                                    "flashsale_session=issued; Max-Age=60; Path=/; HttpOnly; SameSite=Strict");
                }
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Seen> seen(String request) {
            return seen.stream().filter(s -> s.request().equals(request)).toList();
        }

        List<Seen> seenStartingWith(String path) {
            return seen.stream().filter(s -> s.request().contains(" " + path)).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
