package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.load.StackClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest stream = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/purchases/events"))
                .header("Authorization", "Bearer " + shopper)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> open =
                HttpClient.newHttpClient().sendAsync(stream, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = open.thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            response.body().forEach(lines::add);
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(open::isDone);

            Reply accepted = platform.post("/api/sales/" + saleId + "/purchases", shopper, null, Map.of());
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String requestId = accepted.json().get("requestId").asString();

            await().atMost(Duration.ofSeconds(30)).until(() -> dataOf(lines, "outcome", requestId) != null);
            JsonNode queued = dataOf(lines, "queued", requestId);
            JsonNode outcome = dataOf(lines, "outcome", requestId);
            assertThat(queued).as("queued event in " + lines).isNotNull();
            assertThat(queued.get("status").asString()).isEqualTo("QUEUED");
            assertThat(outcome.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(lines.indexOf("event:queued")).isLessThan(lines.lastIndexOf("event:outcome"));
        } finally {
            reading.cancel(true);
            open.thenAccept(response -> response.body().close());
        }
    }

    /** The data of the first event of this kind about the request, or null. */
    private static JsonNode dataOf(List<String> lines, String event, String requestId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("event:" + event)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    if (lines.get(j).startsWith("data:") && lines.get(j).contains(requestId)) {
                        return Platform.JSON.readTree(lines.get(j).substring(5));
                    }
                }
            }
        }
        return null;
    }
}
