package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The headers a shop needs on the web UI and the API: a Content-Security-Policy the UI passes
 * (its inline scripts by hash, no 'unsafe-inline' or 'unsafe-eval' for scripts), no sniffing, no
 * framing, a referrer policy; {@code HEAD /} like {@code GET /}; hashed assets cached for a year and
 * compressed, pages revalidated.
 */
class SecurityHeadersIT extends EdgeWebTest {

    @Test
    void theWebPageCarriesAPolicyThatAllowsItsOwnInlineScriptsAndNothingElseInline() throws Exception {
        HttpHeaders headers = exchange(HttpMethod.GET, "/").getResponseHeaders();

        String policy = headers.getFirst("Content-Security-Policy");
        String inlineHash = Base64.getEncoder()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(INLINE_SCRIPT.getBytes(StandardCharsets.UTF_8)));
        assertThat(directive(policy, "script-src"))
                .contains("'self'", "'sha256-" + inlineHash + "'")
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*");
        assertThat(directive(policy, "frame-ancestors")).isEqualTo("frame-ancestors 'none'");
        assertThat(directive(policy, "object-src")).isEqualTo("object-src 'none'");
        assertThat(policy).doesNotContain("'unsafe-eval'");
        assertSecurityHeaders(headers);
        assertThat(headers.getCacheControl()).isEqualTo("no-cache");
    }

    @Test
    void apiAnswersCarryTheSameHeadersAlsoWhenForwardedOrRefused() {
        assertSecurityHeaders(exchange(HttpMethod.GET, "/api/time").getResponseHeaders());
        assertSecurityHeaders(exchange(HttpMethod.GET, "/api/purchases/3f0c6d3e-0000-4000-8000-000000000000")
                .getResponseHeaders());
        // Forwarded to the catalog (the stand-in answers 404): the edge's headers still win.
        assertSecurityHeaders(exchange(HttpMethod.GET, "/api/products").getResponseHeaders());
    }

    @Test
    void headOfTheWebPageAnswersLikeGet() {
        EntityExchangeResult<byte[]> get = exchange(HttpMethod.GET, "/");
        EntityExchangeResult<byte[]> head = exchange(HttpMethod.HEAD, "/");

        assertThat(head.getStatus().value()).isEqualTo(200);
        assertThat(head.getResponseHeaders().getContentType())
                .isEqualTo(get.getResponseHeaders().getContentType());
        assertThat(head.getResponseBody()).isNullOrEmpty();
        assertSecurityHeaders(head.getResponseHeaders());
    }

    @Test
    void pageAddressesServeTheExportsPagesAndUnknownOnesItsNotFoundPage() {
        EntityExchangeResult<byte[]> sale = page("/sale?id=3f0c6d3e-0000-4000-8000-000000000000");
        assertThat(sale.getStatus().value()).isEqualTo(200);
        assertThat(new String(sale.getResponseBody(), StandardCharsets.UTF_8)).contains("A sale");
        assertThat(new String(page("/admin/users").getResponseBody(), StandardCharsets.UTF_8))
                .contains("Users");
        assertThat(exchange(HttpMethod.HEAD, "/sale").getStatus().value()).isEqualTo(200);

        EntityExchangeResult<byte[]> unknown = page("/no/such/page");
        assertThat(unknown.getStatus().value()).isEqualTo(404);
        assertThat(unknown.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(new String(unknown.getResponseBody(), StandardCharsets.UTF_8))
                .contains("Page not found");
        assertSecurityHeaders(unknown.getResponseHeaders());

        // An API client asking for an unknown path keeps the problem answer.
        http().get()
                .uri("/no/such/page")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void hashedAssetsAreCachedForAYearAndCompressedWhenAskedFor() throws Exception {
        // The JDK client leaves the body as sent (WebTestClient's would inflate it and drop Content-Encoding).
        HttpResponse<byte[]> asset = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + HASHED_CHUNK))
                                .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue(HttpHeaders.CACHE_CONTROL))
                .hasValueSatisfying(cache -> assertThat(cache).contains("max-age=31536000", "immutable", "public"));
        assertThat(asset.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
        String unpacked = new String(
                new GZIPInputStream(new ByteArrayInputStream(asset.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unpacked).startsWith("console.log('a flash sale');");
        assertThat(asset.body().length).isLessThan(unpacked.length() / 4);
        assertThat(asset.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(asset.headers().firstValue(HttpHeaders.VARY))
                .hasValueSatisfying(vary -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
    }

    @Test
    void swaggerUiGetsItsOwnPolicyOnlyOnItsOwnPaths() {
        String docsPolicy = exchange(HttpMethod.GET, "/v3/api-docs/edge")
                .getResponseHeaders()
                .getFirst("Content-Security-Policy");
        String pagePolicy =
                exchange(HttpMethod.GET, "/api/time").getResponseHeaders().getFirst("Content-Security-Policy");

        assertThat(directive(docsPolicy, "style-src")).contains("'unsafe-inline'");
        assertThat(directive(docsPolicy, "script-src")).isEqualTo("script-src 'self'");
        assertThat(directive(pagePolicy, "style-src")).isEqualTo("style-src 'self'");
        assertThat(directive(docsPolicy, "frame-ancestors")).isEqualTo("frame-ancestors 'none'");
    }

    private EntityExchangeResult<byte[]> page(String path) {
        return http().get()
                .uri(path)
                .accept(MediaType.TEXT_HTML, MediaType.valueOf("application/xhtml+xml"), MediaType.ALL)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private EntityExchangeResult<byte[]> exchange(HttpMethod method, String path) {
        return http().method(method).uri(path).exchange().expectBody().returnResult();
    }

    private static void assertSecurityHeaders(HttpHeaders headers) {
        assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            if (directive.strip().startsWith(name + " ")) {
                return directive.strip();
            }
        }
        throw new AssertionError("no " + name + " in " + policy);
    }
}
