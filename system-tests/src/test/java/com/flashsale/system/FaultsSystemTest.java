package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Faults injected into the running stack: processes killed with SIGKILL, then started again. */
@Order(3)
class FaultsSystemTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final Platform platform = new Platform();

    @Test
    void everyAcceptedRequestGetsItsOutcomeWhenTheProcessorIsKilledMidBurst() throws Exception {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 500);
        Shoppers shoppers = Shoppers.seed(platform, admin, 5_000);
        Shoppers.Answers answers = new Shoppers.Answers();

        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            try {
                shoppers.burst(saleId, 30_000, 128, Duration.ofMinutes(3), answers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Early in the burst the processor is applying as requests arrive: kill it there.
        await().atMost(Duration.ofSeconds(60)).until(() -> answers.accepted.size() >= 20 || burst.isDone());
        platform.stack().kill("order-processor");
        // Without the processor the edge keeps admitting (it cannot know the stock is going): a backlog.
        burst.get();
        platform.stack().up("order-processor");
        System.out.println("crash burst answers: " + answers);

        assertThat(answers.failures.get()).isZero();
        assertThat(answers.accepted).hasSizeGreaterThan(500);
        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict =
                platform.settledVerdict("verdict after kill -9", sale, answers.accepted, answers.unknown);
        assertThat(verdict.confirmed(sale)).isEqualTo(500);
    }

    @Test
    void edgeAnswers503NeverA202WhileTheBrokerIsDownAndRecoversByItself() throws Exception {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 10);
        String shopper = Shoppers.seed(platform, admin, 1).token(0);
        String key = "outage-" + UUID.randomUUID();

        platform.stack().kill("kafka");
        UUID unknownId = null;
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                Reply reply = platform.post(
                        "/api/sales/" + saleId + "/purchases", shopper, null, Map.of("Idempotency-Key", key));
                assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                assertThat(reply.reason()).hasValue("OUTCOME_UNKNOWN");
                UUID id = UUID.fromString(reply.json().get("requestId").asString());
                assertThat(unknownId == null || unknownId.equals(id))
                        .as("a retry keeps its request id")
                        .isTrue();
                unknownId = id;
            }
        } finally {
            platform.stack().up("kafka");
        }

        UUID expected = unknownId;
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Reply reply =
                    platform.post("/api/sales/" + saleId + "/purchases", shopper, null, Map.of("Idempotency-Key", key));
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            assertThat(reply.json().get("requestId").asString()).isEqualTo(expected.toString());
        });
        await().atMost(SETTLE)
                .untilAsserted(() -> assertThat(platform.get("/api/purchases/" + expected, shopper)
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("CONFIRMED"));
        UUID sale = UUID.fromString(saleId);
        List<InvariantVerdict.Check> checks = platform.verdict().check(sale, List.of(expected), List.of());
        checks.forEach(check -> System.out.println("verdict after broker outage: " + check));
        assertThat(checks).allMatch(InvariantVerdict.Check::holds);
        assertThat(platform.verdict().confirmed(sale)).isEqualTo(1);
    }
}
