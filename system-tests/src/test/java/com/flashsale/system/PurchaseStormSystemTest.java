package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.InvariantVerdict;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Contention through the HTTP API: 100,000 requests from 20,000 shoppers on a sale of 1,000 units.
 * The verdict is read from the database; how fast it went belongs to the benchmark.
 */
@Order(2)
class PurchaseStormSystemTest {

    private final Platform platform = new Platform();

    @Test
    void neverSellsMoreThanStockUnderContention() throws Exception {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 1_000);
        Shoppers shoppers = Shoppers.seed(platform, admin, 20_000);

        long start = System.nanoTime();
        Shoppers.Answers answers = shoppers.burst(saleId, 100_000, 256, Duration.ofMinutes(5));
        System.out.printf("storm answers in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, answers);

        assertThat(answers.total()).isEqualTo(100_000);
        assertThat(answers.failures.get()).as("transport failures").isZero();
        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict = platform.settledVerdict("verdict", sale, answers.accepted, answers.unknown);
        // 20,000 shoppers want 1,000 units: every unit is sold, exactly, and the edge learns it is sold out.
        assertThat(verdict.confirmed(sale)).isEqualTo(1_000);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> platform.get("/api/sales/" + saleId, null)
                        .json()
                        .get("status")
                        .asString()
                        .equals("SOLD_OUT"));
    }
}
