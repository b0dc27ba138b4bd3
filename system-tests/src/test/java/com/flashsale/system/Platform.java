package com.flashsale.system;

import com.flashsale.devstack.LocalStack;
import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient;
import com.flashsale.load.StackClient.Reply;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running platform as a shopper reaches it: plain HTTP to edge-api at {@code FLASHSALE_BASE_URL}
 * (the stack ./flashsale test started, through the shared {@link StackClient}), and that stack's
 * launcher as a library ({@link LocalStack}) for faults.
 */
final class Platform {

    static final JsonMapper JSON = StackClient.JSON;

    private final StackClient client;

    Platform() {
        this(baseUrlFromEnvironment());
    }

    /** The same platform reached through another edge instance (e.g. {@code edge-api-2}'s address). */
    Platform(String baseUrl) {
        this.client = new StackClient(baseUrl, Duration.ofSeconds(120));
    }

    private static String baseUrlFromEnvironment() {
        String url = System.getenv("FLASHSALE_BASE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(
                    "FLASHSALE_BASE_URL is not set: run the system tests through ./flashsale test");
        }
        return url;
    }

    String baseUrl() {
        return client.baseUrl();
    }

    /** The client every scenario shares (seeding shoppers, sales). */
    StackClient client() {
        return client;
    }

    /** The stack's PostgreSQL, read by the invariant checks (the database is the truth). */
    InvariantVerdict verdict() {
        String port = System.getenv().getOrDefault("FLASHSALE_PG_PORT", "25432");
        return new InvariantVerdict("jdbc:postgresql://127.0.0.1:" + port + "/flashsale", "postgres", "");
    }

    /**
     * Waits (at most 120 s) until every accepted request of the sale has its final outcome, prints the six
     * checks after {@code label}, asserts that each holds, and returns the verdict for the caller's own
     * checks (the units sold).
     */
    InvariantVerdict settledVerdict(String label, UUID sale, Collection<UUID> accepted, Collection<UUID> unknown)
            throws java.sql.SQLException {
        InvariantVerdict verdict = verdict();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> verdict.decided(sale, accepted) == accepted.size());
        List<InvariantVerdict.Check> checks = verdict.check(sale, accepted, unknown);
        checks.forEach(check -> System.out.println(label + ": " + check));
        org.assertj.core.api.Assertions.assertThat(checks).allMatch(InvariantVerdict.Check::holds);
        return verdict;
    }

    /** The test stack (its environment names it), for faults: {@code stack().kill("order-processor")}. */
    LocalStack stack() {
        if (System.getenv("FLASHSALE_HOME") == null) {
            throw new IllegalStateException("FLASHSALE_HOME is not set: run the system tests through ./flashsale test");
        }
        return LocalStack.fromEnvironment();
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
        return client.get(path, token);
    }

    Reply post(String path, String token, Object body, Map<String, String> headers) {
        return client.post(path, token, body, headers);
    }

    Reply put(String path, String token, Object body) {
        return client.put(path, token, body);
    }

    String login(String username, String password) {
        Reply reply = post("/api/auth/login", null, Map.of("username", username, "password", password), Map.of());
        if (reply.status() != 200) {
            throw new AssertionError("login of " + username + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("token").asString();
    }
}
