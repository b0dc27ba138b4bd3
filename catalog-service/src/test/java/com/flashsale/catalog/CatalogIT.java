package com.flashsale.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.AccountStates;
import com.flashsale.auth.JwkSets;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.auth.TrustedKeys;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * catalog-service over HTTP, against a real Kafka broker and a real PostgreSQL (embedded, or containers
 * where Docker runs: TestInfrastructure).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=local", "flashsale.auth.bcrypt-cost=4"})
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class CatalogIT {

    private static final Path KEYS = tempDir();

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

    WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    @Test
    void seededUserSignsInWithATokenTheOtherServicesCanVerify() {
        JsonNode login = login("user1", "Satu123");

        assertThat(login.get("user").get("username").asString()).isEqualTo("user1");
        assertThat(login.get("user").get("role").asString()).isEqualTo("USER");
        String jwks = http().get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var verifier = new TokenVerifier(
                new TrustedKeys(JwkSets.parse(jwks)), new AccountStates(), Clock.systemUTC(), Duration.ZERO, kid -> {});
        assertThat(verifier.verify(login.get("token").asString()))
                .hasValueSatisfying(caller -> assertThat(caller.username()).isEqualTo("user1"));
        http().get()
                .uri("/api/auth/me")
                .header("Authorization", "Bearer " + login.get("token").asString())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo("user1");
    }

    @Test
    void wrongPasswordIsAProblemWithAReason() {
        http().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "user1", "password", "wrong"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("BAD_CREDENTIALS");
        http().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void registersShoppersOnlyAsUsersAndRefusesTakenNames() {
        String name = "shopper" + UUID.randomUUID().toString().substring(0, 8);
        http().post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough", "role", "ADMIN"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("USER");
        http().post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "longenough"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("USERNAME_TAKEN");
        http().post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "x", "password", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void adminCreatesASaleThatIsPublishedToTheSalesTopic() {
        String admin = login("admin", "Satu123").get("token").asString();
        String shopper = login("user2", "Satu123").get("token").asString();
        String productId = http().get()
                .uri("/api/products")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        Map<String, Object> sale = Map.of(
                "productId",
                productId,
                "price",
                "19.99",
                "stock",
                7,
                "startsAt",
                Instant.now().plusSeconds(60).toString(),
                "endsAt",
                Instant.now().plusSeconds(3600).toString());

        http().post()
                .uri("/api/admin/sales")
                .header("Authorization", "Bearer " + shopper)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale)
                .exchange()
                .expectStatus()
                .isForbidden();
        http().post()
                .uri("/api/admin/sales")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http().post()
                .uri("/api/admin/sales")
                .header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "productId",
                        productId,
                        "price",
                        "19.99",
                        "stock",
                        0,
                        "startsAt",
                        Instant.now().toString(),
                        "endsAt",
                        Instant.now().minusSeconds(5).toString()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[*].field")
                .isEqualTo(List.of("stock", "endsAt"));
        String saleId = http().post()
                .uri("/api/admin/sales")
                .header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();

        List<SaleDefined> published = new ArrayList<>();
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SALES));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    published.add(json.readValue(r.value(), SaleDefined.class));
                }
                return published.stream().anyMatch(s -> s.saleId().toString().equals(saleId));
            });
        }
        SaleDefined created = published.stream()
                .filter(s -> s.saleId().toString().equals(saleId))
                .findFirst()
                .orElseThrow();
        assertThat(created.stock()).isEqualTo(7);
        assertThat(created.price()).isEqualByComparingTo("19.99");
        // The seeded demo sales are published at start too.
        assertThat(published).extracting(SaleDefined::stock).contains(100);
    }

    @Test
    void adminSeedsShoppersInBulkWithWorkingTokens() {
        String admin = login("admin", "Satu123").get("token").asString();
        String prefix = "lt" + UUID.randomUUID().toString().substring(0, 6);

        JsonNode seeded = http().post()
                .uri("/api/admin/load-test/shoppers")
                .header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("prefix", prefix, "count", 500, "password", "loadtest1"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(seeded.size()).isEqualTo(500);
        String token = seeded.get(0).get("token").asString();
        http().get()
                .uri("/api/auth/me")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("USER");
        login(prefix + "-499", "loadtest1");
        http().post()
                .uri("/api/admin/load-test/shoppers")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("prefix", prefix, "count", 5, "password", "loadtest1"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private JsonNode login(String username, String password) {
        return http().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("catalog-keys");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
