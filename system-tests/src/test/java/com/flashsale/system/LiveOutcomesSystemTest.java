package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.StackClient.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A shopper's stream: queued with a place in the queue, then the outcome, without polling. */
@Order(1)
class LiveOutcomesSystemTest {

    private final Platform platform = new Platform();

    @Test
    void shopperSeesQueuedWithAPositionThenTheOutcomeOverSse() {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 5);
        String shopper = Shoppers.seed(platform, admin, 1).token(0);
        try (EventStream stream = EventStream.open(platform, shopper)) {
            Reply accepted = platform.post("/api/sales/" + saleId + "/purchases", shopper, null, Map.of());
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String requestId = accepted.json().get("requestId").asString();

            await().atMost(Duration.ofSeconds(30)).until(() -> stream.dataOf("outcome", requestId) != null);
            JsonNode queued = stream.dataOf("queued", requestId);
            JsonNode outcome = stream.dataOf("outcome", requestId);
            assertThat(queued).as("queued event in " + stream.lines()).isNotNull();
            assertThat(queued.get("status").asString()).isEqualTo("QUEUED");
            assertThat(outcome.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(stream.lines().indexOf("event:queued"))
                    .isLessThan(stream.lines().lastIndexOf("event:outcome"));
        }
    }
}
