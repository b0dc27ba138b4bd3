package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.StackClient.Reply;
import com.flashsale.testing.api.AccessWalk;
import com.flashsale.testing.api.ApiDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The public API as the running platform serves it through edge-api: the one OpenAPI document behind
 * {@code /docs} walked operation by operation with no token, a shopper's, a disabled shopper's and an
 * admin's token (so every documented route is also shown to be served, through the edge), and the
 * web UI's security, caching and compression headers.
 * Runs with the calm scenarios, before the storm and the faults.
 */
@Order(1)
class PublicApiSystemTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String DISABLE_ROUTE = "/api/admin/users/{id}";

    private final Platform platform = new Platform();
    private final HttpClient raw = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void everyDocumentedRouteAnswersNoTokenAShopperAndAnAdminAsItsDocumentSays() {
        ApiDocument document = document();
        AccessWalk walk = new AccessWalk(platform.baseUrl());

        assertThat(document.has("POST", "/api/auth/login")).isTrue();
        assertThat(document.has("POST", "/api/sales/{saleId}/purchases")).isTrue();
        assertThat(walk.walk(document, AccessWalk.Caller.NO_TOKEN, null)).isEmpty();
        assertThat(walk.walk(document, AccessWalk.Caller.USER, platform.login(newShopper(), PASSWORD)))
                .isEmpty();
        assertThat(walk.walk(document, AccessWalk.Caller.ADMIN, platform.login("admin", "Satu123")))
                .isEmpty();
    }

    @Test
    void aDisabledShoppersTokenIsRefusedOnEveryDocumentedRouteThatNeedsAToken() {
        ApiDocument document = document();
        assertThat(document.has("PATCH", DISABLE_ROUTE))
                .as("PATCH " + DISABLE_ROUTE + " disables an account")
                .isTrue();
        String admin = platform.login("admin", "Satu123");
        String token = platform.login(newShopper(), PASSWORD);
        String userId = platform.get("/api/auth/me", token).json().get("id").asString();

        Reply disabled = patch(DISABLE_ROUTE.replace("{id}", userId), admin, "{\"enabled\": false}");
        assertThat(disabled.status()).as(disabled.body()).isBetween(200, 299);

        // The edge learns of it within seconds, without a database read: wait for it, then walk.
        AccessWalk walk = new AccessWalk(platform.baseUrl());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(walk.walk(document, AccessWalk.Caller.DISABLED_USER, token))
                        .isEmpty());
    }

    @Test
    void theWebUiAndTheApiCarryTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/api/sales", "/api/products", "/api/auth/me"}) {
            HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri(path)).GET());
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(policy -> assertThat(policy)
                            .contains("frame-ancestors 'none'", "script-src 'self'")
                            .doesNotContain("'unsafe-eval'"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    void headOfTheWebPageIsOkAndItsHashedAssetsAreCachedAndCompressed() throws Exception {
        HttpResponse<byte[]> head =
                send(HttpRequest.newBuilder(uri("/")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));

        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(uri("/")).GET());
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        Matcher script = Pattern.compile("src=\"(/_next/static/[^\"]+\\.js)\"").matcher(new String(page.body()));
        assertThat(script.find()).as("a /_next/static script in the page").isTrue();

        HttpResponse<byte[]> asset = send(HttpRequest.newBuilder(uri(script.group(1)))
                .header("Accept-Encoding", "gzip")
                .GET());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(cache -> assertThat(cache).contains("max-age=31536000", "immutable"));
        assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(asset.body())).readAllBytes().length)
                .isGreaterThan(asset.body().length);
    }

    @Test
    void docsShowTheSwaggerUiOverTheOneDocumentWithoutAToken() throws Exception {
        HttpResponse<byte[]> docs = send(HttpRequest.newBuilder(uri("/docs")).GET());
        assertThat(docs.statusCode()).isBetween(300, 399);
        String location = docs.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> ui = send(HttpRequest.newBuilder(uri(location)).GET());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(new String(ui.body())).contains("swagger-ui");
        assertThat(platform.get("/v3/api-docs", null)
                        .json()
                        .at("/components/securitySchemes/bearer/scheme")
                        .asString())
                .isEqualTo("bearer");
    }

    private ApiDocument document() {
        Reply document = platform.get("/v3/api-docs", null);
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        return ApiDocument.of(document.json());
    }

    private String newShopper() {
        String username = "walker-" + UUID.randomUUID().toString().substring(0, 8);
        Reply registered =
                platform.post("/api/auth/register", null, Map.of("username", username, "password", PASSWORD), Map.of());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return username;
    }

    private Reply patch(String path, String token, String json) {
        try {
            HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
            return new Reply(
                    answer.statusCode(),
                    new String(answer.body()),
                    answer.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError("PATCH " + path + " failed: " + e, e);
        }
    }

    private URI uri(String path) {
        return URI.create(platform.baseUrl() + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return raw.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
