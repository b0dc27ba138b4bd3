package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.Topics;
import com.flashsale.edge.purchase.WaitingPurchases;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.testing.TopicRecords;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * A fresh edge rehearses the storm's refusals (docs/adr/0011) and its 202s (docs/adr/0019) before it
 * reports ready: signed-in made-up shoppers are answered 409 on made-up closed sales and 202 on a
 * made-up open one, whose purchases go to the rehearsals topic; and nothing of it is left: no sale
 * listed, nothing on the purchase topic, nothing waiting for an outcome.
 */
class StartupWarmthIT extends EdgeWebTest {

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    SaleDirectory sales;

    @Autowired
    WaitingPurchases waiting;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @SuppressWarnings("unchecked")
    void rehearsesTheRefusalsAndTheAdmissionsOfSignedInShoppersAndLeavesNothingBehind() {
        HealthIndicator warmth = (HealthIndicator) health.getContributor("startupWarmth");
        Health warm = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(warmth::health, h -> h.getStatus().equals(Status.UP));

        Map<String, Map<Integer, Long>> steps =
                (Map<String, Map<Integer, Long>>) warm.getDetails().get("rehearsal");
        Map<Integer, Long> refusals = steps.get("refusals");
        assertThat(refusals).as("signed-in refusals: sold out, not open yet").containsKey(409);
        assertThat(refusals.get(409)).isGreaterThan(500L);
        assertThat(refusals).as("nothing admitted").doesNotContainKeys(202, 503);

        Map<Integer, Long> admissions = steps.get("admissions");
        assertThat(admissions.get(202))
                .as("purchases admitted on the open made-up sale")
                .isGreaterThan(100L);
        assertThat(admissions)
                .as("none failed in Kafka, none turned away for capacity")
                .doesNotContainKey(503);
        assertThat(recordsOn(Topics.REHEARSALS))
                .as("each 202 acknowledged on the rehearsals topic")
                .isGreaterThanOrEqualTo(admissions.get(202));
        assertThat(waiting.size())
                .as("every rehearsed purchase heard its outcome")
                .isZero();

        assertThat(sales.all()).isEmpty();
        http().get()
                .uri("/api/sales")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items")
                .isEmpty();
        assertThat(recordsOn(Topics.PURCHASE_REQUESTS)).isZero();
    }

    private long recordsOn(String topic) {
        return TopicRecords.count(brokers, topic);
    }
}
