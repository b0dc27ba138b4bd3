package com.flashsale.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running platform as a shopper reaches it: plain HTTP to edge-api at {@code FLASHSALE_BASE_URL}
 * (the stack ./flashsale test started), and the launcher for faults.
 */
final class Platform {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    Platform() {
        String url = System.getenv("FLASHSALE_BASE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(
                    "FLASHSALE_BASE_URL is not set: run the system tests through ./flashsale test");
        }
        this.baseUrl = url.replaceAll("/$", "");
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The stack's PostgreSQL, read by the invariant checks (the database is the truth). */
    com.flashsale.load.InvariantVerdict verdict() {
        String port = System.getenv().getOrDefault("FLASHSALE_PG_PORT", "25432");
        return new com.flashsale.load.InvariantVerdict(
                "jdbc:postgresql://127.0.0.1:" + port + "/flashsale", "postgres", "");
    }

    /** Runs a launcher command against the test stack (e.g. {@code kill order-processor}). */
    void launcher(String... args) {
        String launcher = System.getenv("FLASHSALE_LAUNCHER");
        if (launcher == null) {
            throw new IllegalStateException(
                    "FLASHSALE_LAUNCHER is not set: run the system tests through ./flashsale test");
        }
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(launcher);
        command.addAll(java.util.List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("launcher " + command + " did not finish in 180 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("launcher " + command + " exited " + process.exitValue());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run the launcher: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Creates a sale of the first catalogue product, open from now for an hour, and waits until the edge knows it. */
    String openSale(String adminToken, int stock) {
        String productId =
                get("/api/products", null).json().get("items").get(0).get("id").asString();
        java.time.Instant now = java.time.Instant.now();
        Reply created = post(
                "/api/admin/sales",
                adminToken,
                Map.of(
                        "productId",
                        productId,
                        "price",
                        "9.99",
                        "stock",
                        stock,
                        "startsAt",
                        now.minusSeconds(1).toString(),
                        "endsAt",
                        now.plusSeconds(3600).toString()),
                Map.of());
        if (created.status() != 201) {
            throw new AssertionError("creating a sale answered " + created.status() + ": " + created.body());
        }
        String saleId = created.json().get("id").asString();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/sales/" + saleId, null).status() == 200);
        return saleId;
    }

    Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token, Map.of());
    }

    Reply post(String path, String token, Object body, Map<String, String> headers) {
        String json = body == null ? "" : JSON.writeValueAsString(body);
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                token,
                headers);
    }

    Reply put(String path, String token, Object body) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                token,
                Map.of());
    }

    String login(String username, String password) {
        Reply reply = post("/api/auth/login", null, Map.of("username", username, "password", password), Map.of());
        if (reply.status() != 200) {
            throw new AssertionError("login of " + username + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("token").asString();
    }

    private Reply send(HttpRequest.Builder request, String token, Map<String, String> headers) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One HTTP answer. */
    record Reply(int status, String body, String contentType) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Optional<String> reason() {
            try {
                JsonNode reason = json().get("reason");
                return reason == null || reason.isNull() ? Optional.empty() : Optional.of(reason.asString());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
