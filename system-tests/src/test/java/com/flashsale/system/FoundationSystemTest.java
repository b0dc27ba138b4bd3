package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.StackClient.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The foundation scenario against the three services running as processes, on a real broker and
 * PostgreSQL: a seeded shopper signs in, buys on the active demo sale, and learns the outcome.
 */
@org.junit.jupiter.api.Order(0)
class FoundationSystemTest {

    private static final Duration OUTCOME_BOUND = Duration.ofSeconds(30);

    private final Platform platform = new Platform();

    @Test
    void shopperBuysOnTheActiveDemoSaleAndCannotBuyTwice() {
        String token = platform.login("user1", "Satu123");
        String saleId = activeDemoSale();

        Reply accepted = platform.post("/api/sales/" + saleId + "/purchases", token, null, Map.of());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String requestId = accepted.json().get("requestId").asString();
        assertThat(accepted.json().get("status").asString()).isEqualTo("QUEUED");

        await().atMost(OUTCOME_BOUND)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(platform.get("/api/purchases/" + requestId, token)
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("CONFIRMED"));

        Reply second = platform.post("/api/sales/" + saleId + "/purchases", token, null, Map.of());
        if (second.status() == 202) {
            // Admitted by an edge that had not heard of the first order yet: order-processor refuses it.
            String secondId = second.json().get("requestId").asString();
            await().atMost(OUTCOME_BOUND).untilAsserted(() -> {
                JsonNode outcome =
                        platform.get("/api/purchases/" + secondId, token).json();
                assertThat(outcome.get("status").asString()).isEqualTo("REJECTED");
                assertThat(outcome.get("reason").asString()).isEqualTo("ALREADY_PURCHASED");
            });
        } else {
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.reason()).hasValue("ALREADY_PURCHASED");
        }
    }

    @Test
    void purchaseWithoutATokenIsUnauthorized() {
        Reply reply = platform.post("/api/sales/" + activeDemoSale() + "/purchases", null, null, Map.of());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.reason()).hasValue("UNAUTHENTICATED");
    }

    @Test
    void pollOfSomeoneElsesRequestIsNotFound() {
        String owner = platform.login("user2", "Satu123");
        String stranger = platform.login("admin", "Satu123");
        String upcoming = saleWithStatus("UPCOMING");

        Reply refused = platform.post("/api/sales/" + upcoming + "/purchases", owner, null, Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).hasValue("SALE_NOT_ACTIVE");
        Reply unknown = platform.get("/api/purchases/" + UUID.randomUUID(), stranger);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void edgeServesTheWebPageAndRoutesTheCatalog() {
        Reply page = platform.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");

        Reply products = platform.get("/api/products", null);
        assertThat(products.status()).isEqualTo(200);
        assertThat(products.json().get("items").size()).isGreaterThanOrEqualTo(1);

        Reply badLogin =
                platform.post("/api/auth/login", null, Map.of("username", "user1", "password", "nope"), Map.of());
        assertThat(badLogin.status()).isEqualTo(401);
        assertThat(badLogin.reason()).hasValue("BAD_CREDENTIALS");
        assertThat(badLogin.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private String activeDemoSale() {
        return saleWithStatus("ACTIVE");
    }

    private String saleWithStatus(String status) {
        JsonNode sales = platform.get("/api/sales", null).json();
        for (JsonNode sale : sales.get("items")) {
            if (sale.get("status").asString().equals(status)
                    && sale.get("stock").asInt() == 100) {
                return sale.get("id").asString();
            }
        }
        throw new AssertionError("no " + status + " demo sale in " + sales);
    }
}
