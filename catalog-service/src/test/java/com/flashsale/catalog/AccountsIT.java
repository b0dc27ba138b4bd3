package com.flashsale.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.KeyRing;
import com.flashsale.contracts.AccountChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
 * Accounts and their abuse cases over HTTP: registration rules, sign-in throttling, the admin's
 * account routes with propagation of a changed standing, and key rotation through the JWKS. Each
 * test speaks from its own client address (X-Forwarded-For, believed from loopback) so that the
 * throttles of one test never touch another.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.profiles.active=local",
            "flashsale.auth.bcrypt-cost=4",
            "flashsale.auth.throttle.login-per-account-and-address.refill-every=PT2S",
            "flashsale.auth.throttle.login-per-address.refill-every=PT1S",
            "flashsale.auth.throttle.registration-per-address.capacity=3",
            "flashsale.jwt.activation=PT1S",
            "flashsale.jwt.rotation-grace=PT3S",
            "flashsale.jwt.rescan-interval=PT0.5S"
        })
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class AccountsIT {

    private static final Path KEYS = tempDir();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("flashsale.jwt.key-dir", KEYS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestBroker broker;

    @Autowired
    JsonMapper json;

    @Test
    void registrationIgnoresARoleInTheBodyAndNamesTheWrongField() {
        String from = address();
        String name = uniqueName("mass");
        register(from, Map.of("username", name, "password", "longenough", "role", "ADMIN"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("USER");
        assertThat(login(from, name, "longenough").get("user").get("role").asString())
                .isEqualTo("USER");

        // 40 characters, 80 bytes: within the characters, beyond what BCrypt reads.
        String accented = "é".repeat(40);
        for (String path : List.of("/api/auth/register", "/api/auth/login")) {
            http().post()
                    .uri(path)
                    .header("X-Forwarded-For", from)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", uniqueName("utf"), "password", accented))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("password");
        }
        register(address(), Map.of("username", "no spaces allowed", "password", "longenough"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("username");
        register(address(), Map.of("username", uniqueName("short"), "password", "seven77"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
        register(address(), Map.of("username", name.toUpperCase(), "password", "longenough"))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void bruteForceIsThrottledAndTheRealUserSignsInOnceTheAttackerStops() {
        String attacker = address();
        String elsewhere = address();
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 30; i++) {
            var result = http().post()
                    .uri("/api/auth/login")
                    .header("X-Forwarded-For", attacker)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "admin", "password", "guess-" + i))
                    .exchange()
                    .returnResult(String.class);
            statuses.add(result.getStatus().value());
            if (result.getStatus().value() == 429) {
                retryAfter = result.getResponseHeaders().getFirst("Retry-After");
            }
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 30)).contains(429).doesNotContain(200, 500);
        assertThat(retryAfter).isNotNull();
        assertThat(Long.parseLong(retryAfter)).isPositive();
        // The right password from the attacker's place waits too; from elsewhere it works at once.
        http().post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", attacker)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", "Satu123"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("TOO_MANY_SIGN_IN_ATTEMPTS");
        assertThat(login(elsewhere, "admin", "Satu123").get("token").asString()).isNotBlank();
        // The attacker stops: the account is not locked forever.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http().post()
                                .uri("/api/auth/login")
                                .header("X-Forwarded-For", attacker)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("username", "admin", "password", "Satu123"))
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
    }

    @Test
    void countsSignInsByResultAndThrottledRequestsAtPrometheus() {
        String success = "flashsale_catalog_logins_total{result=\"success\"}";
        String bad = "flashsale_catalog_logins_total{result=\"bad_credentials\"}";
        String throttled = "flashsale_catalog_throttled_total{kind=\"sign_in\"}";
        double successBefore = metric(success);
        double badBefore = metric(bad);
        double throttledBefore = metric(throttled);
        String from = address();

        login(from, "admin", "Satu123");
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            int status = http().post()
                    .uri("/api/auth/login")
                    .header("X-Forwarded-For", from)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "user1", "password", "wrong-" + i))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            refused += status == 429 ? 1 : 0;
        }

        assertThat(metric(success) - successBefore).isEqualTo(1.0);
        assertThat(metric(bad) - badBefore).isEqualTo(8.0 - refused);
        assertThat(refused).isPositive();
        assertThat(metric(throttled) - throttledBefore).isEqualTo(refused);
    }

    /** The value of the sample whose name and tags start the line at /actuator/prometheus. */
    private double metric(String sample) {
        return http().mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody()
                .lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample));
    }

    @Test
    void registrationIsThrottledPerClientAddress() {
        String from = address();
        for (int i = 0; i < 3; i++) {
            register(from, Map.of("username", uniqueName("reg"), "password", "longenough"))
                    .expectStatus()
                    .isCreated();
        }
        register(from, Map.of("username", uniqueName("reg"), "password", "longenough"))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("TOO_MANY_REGISTRATIONS");
        register(address(), Map.of("username", uniqueName("reg"), "password", "longenough"))
                .expectStatus()
                .isCreated();
    }

    @Test
    void adminsPageSearchAndChangeAccountsAndOldTokensStopWorking() {
        String from = address();
        String admin = login(from, "admin", "Satu123").get("token").asString();
        String name = uniqueName("managed");
        String id = register(from, Map.of("username", name, "password", "longenough"))
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
        String shopperToken = login(from, name, "longenough").get("token").asString();

        JsonNode found = http().get()
                .uri("/api/admin/users?q=" + name.substring(0, 12).toUpperCase() + "&page=0&size=5")
                .header("Authorization", "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("username").asString()).isEqualTo(name);
        assertThat(found.get("items").get(0).has("passwordHash")).isFalse();
        http().get()
                .uri("/api/admin/users?size=1000")
                .header("Authorization", "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
        http().get()
                .uri("/api/admin/users")
                .header("Authorization", "Bearer " + shopperToken)
                .exchange()
                .expectStatus()
                .isForbidden();
        http().get().uri("/api/admin/users").exchange().expectStatus().isUnauthorized();

        // Disabled: no sign-in, and the token issued before stops working here within seconds.
        patch(admin, id, Map.of("enabled", false))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(false);
        http().post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("ACCOUNT_DISABLED");
        await().atMost(Duration.ofSeconds(30)).until(() -> me(shopperToken) == 401);

        // Enabled and promoted: a new token carries the new role; the old one stays void.
        patch(admin, id, Map.of("enabled", true, "role", "ADMIN"))
                .expectStatus()
                .isOk();
        String promoted = login(from, name, "longenough").get("token").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> me(promoted) == 200);
        assertThat(me(shopperToken)).isEqualTo(401);
        http().get()
                .uri("/api/admin/users/" + id)
                .header("Authorization", "Bearer " + promoted)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("ADMIN");

        // Every change reached the accounts topic, newest version last.
        List<AccountChanged> published = accountChanges(UUID.fromString(id), 2);
        assertThat(published).extracting(AccountChanged::enabled).containsExactly(false, true);
        assertThat(published.get(1).role()).isEqualTo("ADMIN");
        assertThat(published.get(1).version()).isGreaterThan(published.get(0).version());

        patch(admin, id, Map.of("role", "KING"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("role");
        patch(admin, UUID.randomUUID().toString(), Map.of("enabled", false))
                .expectStatus()
                .isNotFound();
        String adminId = http().get()
                .uri("/api/auth/me")
                .header("Authorization", "Bearer " + admin)
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
        patch(admin, adminId, Map.of("enabled", false))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("SELF_CHANGE");
    }

    @Test
    void aNewKeyIsPublishedBeforeItSignsAndTheOldOneRetiresAfterItsGrace() {
        String from = address();
        String name = uniqueName("rotate");
        register(from, Map.of("username", name, "password", "longenough"))
                .expectStatus()
                .isCreated();
        String before = login(from, name, "longenough").get("token").asString();
        String oldKid = kidOf(before);
        assertThat(jwksKids()).contains(oldKid);

        String newKid = KeyRing.rotate(KEYS, Instant.now()).newest().kid();

        await().atMost(Duration.ofSeconds(30)).until(() -> jwksKids().containsAll(List.of(oldKid, newKid)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kidOf(login(from, name, "longenough").get("token").asString())
                        .equals(newKid));
        // Within the grace the old token still works; after it, its key is gone and the token is refused.
        await().atMost(Duration.ofSeconds(30)).until(() -> !jwksKids().contains(oldKid));
        await().atMost(Duration.ofSeconds(30)).until(() -> me(before) == 401);
        assertThat(me(login(from, name, "longenough").get("token").asString())).isEqualTo(200);
    }

    @Test
    void signingInKeepsTheTokenInAnHttpOnlyStrictCookieUntilItExpiresAndSigningOutClearsIt() {
        String from = address();
        String name = uniqueName("cookie");
        register(from, Map.of("username", name, "password", "longenough"))
                .expectStatus()
                .isCreated();

        Instant before = Instant.now();
        var signedIn = http().post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough"))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(JsonNode.class);
        JsonNode body = signedIn.getResponseBody().blockFirst(Duration.ofSeconds(30));
        String setCookie = signedIn.getResponseHeaders().getFirst("Set-Cookie");
        assertThat(setCookie)
                .startsWith("flashsale_session=" + body.get("token").asString() + ";");
        // Attribute names are case-insensitive (the server writes "HTTPOnly").
        assertThat(setCookie.substring(setCookie.indexOf(';')).toLowerCase())
                .contains("; httponly", "; samesite=strict", "; path=/")
                .doesNotContain("secure");
        long maxAge = maxAge(setCookie);
        Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
        // The cookie lives as long as its token: what was left of it between the request and its answer.
        assertThat(maxAge)
                .isBetween(
                        Duration.between(Instant.now(), expiresAt).toSeconds() - 1,
                        Duration.between(before, expiresAt).toSeconds() + 1);

        String overHttps = http().post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", from)
                .header("X-Forwarded-Proto", "https")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough"))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(JsonNode.class)
                .getResponseHeaders()
                .getFirst("Set-Cookie");
        assertThat(overHttps.toLowerCase()).contains("; secure", "; httponly");

        for (String authorization : new String[] {null, "Bearer garbage"}) {
            String cleared = http().post()
                    .uri("/api/auth/logout")
                    .headers(h -> {
                        if (authorization != null) {
                            h.set("Authorization", authorization);
                        }
                    })
                    .exchange()
                    .expectStatus()
                    .isNoContent()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("Set-Cookie");
            assertThat(cleared).startsWith("flashsale_session=;");
            assertThat(cleared.toLowerCase()).contains("; max-age=0", "; httponly", "; path=/");
        }
    }

    private static long maxAge(String setCookie) {
        for (String attribute : setCookie.split(";")) {
            String a = attribute.strip();
            if (a.startsWith("Max-Age=")) {
                return Long.parseLong(a.substring("Max-Age=".length()));
            }
        }
        throw new AssertionError("no Max-Age in " + setCookie);
    }

    private List<String> jwksKids() {
        JsonNode jwks = http().get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<String> kids = new ArrayList<>();
        jwks.get("keys").forEach(key -> {
            assertThat(key.has("d")).as("never a private part").isFalse();
            kids.add(key.get("kid").asString());
        });
        return kids;
    }

    private String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return json.readTree(header).get("kid").asString();
    }

    private int me(String token) {
        return http().get()
                .uri("/api/auth/me")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private WebTestClient.ResponseSpec patch(String admin, String id, Map<String, Object> body) {
        return http().patch()
                .uri("/api/admin/users/" + id)
                .header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private List<AccountChanged> accountChanges(UUID userId, int expected) {
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "accounts-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<AccountChanged> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ACCOUNTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    AccountChanged changed = json.readValue(r.value(), AccountChanged.class);
                    if (changed.userId().equals(userId)) {
                        found.add(changed);
                    }
                }
                return found.size() >= expected;
            });
        }
        return found;
    }

    private WebTestClient.ResponseSpec register(String from, Map<String, Object> body) {
        return http().post()
                .uri("/api/auth/register")
                .header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private JsonNode login(String from, String username, String password) {
        return http().post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static String address() {
        return "198.51.100." + ADDRESSES.getAndIncrement();
    }

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("accounts-keys");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
