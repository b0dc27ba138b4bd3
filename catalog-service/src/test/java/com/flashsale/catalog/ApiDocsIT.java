package com.flashsale.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import com.flashsale.testing.api.AccessWalk;
import com.flashsale.testing.api.ApiDocument;
import com.flashsale.testing.api.Route;
import com.flashsale.testing.api.ServedRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * catalog-service's OpenAPI document held to the service: every route it serves is documented, every
 * documented route is served, and each answers no token, a shopper, a disabled shopper and an admin
 * as its documented access says. New routes are picked up from the mappings and the document.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=local", "flashsale.auth.bcrypt-cost=4"})
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
// Its own context and broker: closed when the class is done, not at the JVM's exit beside CatalogIT's broker
// (whose log directories the exit hooks remove under it).
@DirtiesContext
class ApiDocsIT {

    private static final Path KEYS = tempDir();
    private static final String DISABLE_ROUTE = "/api/admin/users/{id}";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("flashsale.jwt.key-dir", KEYS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        Set<Route> served = ServedRoutes.of(context);
        Set<Route> documented = document().routes();

        assertThat(served).as("routes catalog-service serves").isNotEmpty();
        assertThat(difference(served, documented))
                .as("served but not in the OpenAPI document")
                .isEmpty();
        assertThat(difference(documented, served))
                .as("documented but not served")
                .isEmpty();
    }

    @Test
    void everyRouteAnswersNoTokenAShopperAndAnAdminAsItsDocumentSays() {
        ApiDocument document = document();
        AccessWalk walk = new AccessWalk(baseUrl());

        assertThat(walk.walk(document, AccessWalk.Caller.NO_TOKEN, null)).isEmpty();
        assertThat(walk.walk(document, AccessWalk.Caller.USER, tokenOf(newShopper())))
                .isEmpty();
        assertThat(walk.walk(document, AccessWalk.Caller.ADMIN, tokenOf("admin", "Satu123")))
                .isEmpty();
    }

    @Test
    void aDisabledAccountsTokenIsRefusedOnEveryRouteThatNeedsAToken() {
        ApiDocument document = document();
        assertThat(document.has("PATCH", DISABLE_ROUTE))
                .as("PATCH " + DISABLE_ROUTE + " disables an account")
                .isTrue();
        String admin = tokenOf("admin", "Satu123");
        String username = newShopper();
        String token = tokenOf(username, "correct horse battery");
        String userId = me(token).get("id").asString();

        http().patch()
                .uri(DISABLE_ROUTE.replace("{id}", userId))
                .header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", false))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/api/auth/me")
                        .header("Authorization", "Bearer " + token)
                        .exchange()
                        .expectStatus()
                        .isUnauthorized());

        assertThat(new AccessWalk(baseUrl()).walk(document, AccessWalk.Caller.DISABLED_USER, token))
                .isEmpty();
    }

    @Test
    void documentSaysHowToSignInAndWhatAProblemLooksLike() {
        JsonNode document = json("/v3/api-docs");

        JsonNode bearer = document.at("/components/securitySchemes/bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.path("description").asString()).contains("/api/auth/login");
        assertThat(document.at("/paths/~1api~1auth~1login/post/description").asString())
                .contains("Authorize");
        JsonNode problem = document.at("/components/schemas/ProblemDetail/properties");
        assertThat(problem.has("reason")).isTrue();
        assertThat(problem.has("errors")).isTrue();
        JsonNode refused = document.at("/paths/~1api~1admin~1sales/post/responses/403/content");
        assertThat(refused.at("/application~1problem+json/examples/FORBIDDEN/value/reason")
                        .asString())
                .isEqualTo("FORBIDDEN");
        assertThat(document.at("/paths/~1api~1admin~1sales/post/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("/SaleRequest");
    }

    private ApiDocument document() {
        return ApiDocument.of(json("/v3/api-docs"));
    }

    private String newShopper() {
        String username = "walker-" + UUID.randomUUID().toString().substring(0, 8);
        http().post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "correct horse battery"))
                .exchange()
                .expectStatus()
                .isCreated();
        return username;
    }

    private String tokenOf(String username) {
        return tokenOf(username, "correct horse battery");
    }

    private String tokenOf(String username, String password) {
        return http().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("token")
                .asString();
    }

    private JsonNode me(String token) {
        return http().get()
                .uri("/api/auth/me")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode json(String path) {
        return http().get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static Set<Route> difference(Set<Route> a, Set<Route> b) {
        Set<Route> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("catalog-docs-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
