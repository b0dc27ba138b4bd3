package com.flashsale.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running platform as a client reaches it: plain HTTP/1.1 to edge-api (admin sign-in, a sale,
 * shoppers seeded in bulk with their tokens, any route), for the load tests, the bench and the system
 * tests alike. Loopback only: the base URL comes from the launcher.
 */
public final class StackClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** Shoppers per seeding call (the endpoint takes up to 50,000; see {@link #seedShoppers}). */
    public static final int SEED_CHUNK = 2_500;

    // HTTP/1.1 as browsers speak to the edge; no h2c upgrade attempts on pooled connections.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final Duration timeout;

    public StackClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(30));
    }

    /** A client whose requests give up after {@code timeout} unless a call says otherwise. */
    public StackClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    /** System property {@code flashsale.base-url}, else FLASHSALE_BASE_URL, else the default edge port. */
    public static String baseUrlFromEnvironment() {
        String url = System.getProperty("flashsale.base-url");
        if (url == null || url.isBlank()) {
            url = System.getenv("FLASHSALE_BASE_URL");
        }
        return url == null || url.isBlank() ? "http://127.0.0.1:8080" : url;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Whether the edge answers its trivial route. */
    public boolean reachable() {
        try {
            return get("/api/time", null).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String login(String username, String password) {
        Reply reply = post("/api/auth/login", null, Map.of("username", username, "password", password));
        reply.expect(200, "login of " + username);
        return reply.json().get("token").asString();
    }

    public UUID firstProductId() {
        Reply reply = get("/api/products", null);
        reply.expect(200, "the product list");
        return UUID.fromString(reply.json().get("items").get(0).get("id").asString());
    }

    /** A sale of the first product, open from a second ago for {@code open}; its id. */
    public UUID createSale(String adminToken, int stock, Duration open) {
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productId", firstProductId().toString());
        body.put("price", "9.99");
        body.put("stock", stock);
        body.put("startsAt", now.minusSeconds(1).toString());
        body.put("endsAt", now.plus(open).toString());
        Reply reply = post("/api/admin/sales", adminToken, body);
        reply.expect(201, "creating a sale");
        return UUID.fromString(reply.json().get("id").asString());
    }

    /** Waits until the edge knows the sale ({@code GET /api/sales/{id}} answers 200). */
    public void awaitSale(UUID saleId, Duration bound) {
        awaitSaleStatus(saleId, null, bound);
    }

    /** Waits until the edge shows the sale with the status (any status when null); its last answer. */
    public JsonNode awaitSaleStatus(UUID saleId, String status, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/api/sales/" + saleId))
                                .GET(),
                        null,
                        Duration.ofSeconds(10));
            } catch (IllegalStateException e) {
                // a slow answer under load: ask again until the bound
                last = new Reply(0, e.getMessage(), "");
                continue;
            }
            if (last.status() == 200
                    && (status == null
                            || status.equals(last.json().path("status").asString()))) {
                return last.json();
            }
            sleep(200);
        }
        throw new IllegalStateException("sale " + saleId + " not " + (status == null ? "visible" : status)
                + " at the edge within " + bound.toSeconds() + " s; last answer: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }

    /**
     * Seeds {@code count} shoppers through the ADMIN load-test endpoint, in chunks, with their tokens.
     * Chunks stay small: the edge gives up on a proxied catalog call after 30 s, and 10,000 token
     * signatures can take longer than that on two busy cores. A chunk that fails is seeded again
     * under new names (the first attempt may have created its accounts without returning tokens).
     */
    public List<Shopper> seedShoppers(String adminToken, String prefix, int count) {
        List<Shopper> shoppers = new ArrayList<>(count);
        for (int start = 0; start < count; start += SEED_CHUNK) {
            int n = Math.min(SEED_CHUNK, count - start);
            Reply reply = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                reply = post(
                        "/api/admin/load-test/shoppers",
                        adminToken,
                        Map.of(
                                "prefix",
                                prefix + "x" + start + (attempt == 0 ? "" : "r" + attempt),
                                "count",
                                n,
                                "password",
                                "load-test-pass"),
                        Duration.ofSeconds(120));
                if (reply.status() == 201 && reply.json().size() == n) {
                    break;
                }
            }
            reply.expect(201, "seeding shoppers (is flashsale.load-test.enabled on?)");
            if (reply.json().size() != n) {
                throw new IllegalStateException(
                        "seeding " + n + " shoppers returned " + reply.json().size());
            }
            for (JsonNode s : reply.json()) {
                shoppers.add(new Shopper(
                        UUID.fromString(s.get("id").asString()),
                        s.get("username").asString(),
                        s.get("token").asString()));
            }
        }
        return shoppers;
    }

    /** A prefix for shopper names that no earlier run used (names are unique). */
    public static String freshPrefix(String head) {
        return head + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    public Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token, timeout);
    }

    public Reply post(String path, String token, Object body) {
        return post(path, token, body, timeout);
    }

    public Reply post(String path, String token, Object body, Duration timeout) {
        return post(path, token, body, Map.of(), timeout);
    }

    /** A POST with a JSON body (none when null) and extra headers (e.g. Idempotency-Key). */
    public Reply post(String path, String token, Object body, Map<String, String> headers) {
        return post(path, token, body, headers, timeout);
    }

    private Reply post(String path, String token, Object body, Map<String, String> headers, Duration timeout) {
        String json = body == null ? "" : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request, token, timeout);
    }

    public Reply put(String path, String token, Object body) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                token,
                timeout);
    }

    private Reply send(HttpRequest.Builder request, String token, Duration timeout) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException("request to " + baseUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A seeded shopper and the token the catalog issued for it. */
    public record Shopper(UUID id, String username, String token) {}

    /** One HTTP answer. */
    public record Reply(int status, String body, String contentType) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's {@code reason}, if the answer is a problem with one. */
        public Optional<String> reason() {
            try {
                JsonNode reason = json().get("reason");
                return reason == null || reason.isNull() ? Optional.empty() : Optional.of(reason.asString());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        void expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
        }
    }
}
