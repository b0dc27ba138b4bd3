package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A shopper's live purchase events on one edge ({@code GET /api/purchases/events}, SSE), read in the
 * background from the moment the stream is open until it is closed.
 */
final class EventStream implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> open;
    private final CompletableFuture<Void> reading;

    private EventStream(Platform edge, String token) {
        HttpRequest stream = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/api/purchases/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        open = HttpClient.newHttpClient().sendAsync(stream, HttpResponse.BodyHandlers.ofLines());
        reading = open.thenAccept(response -> response.body().forEach(lines::add));
    }

    /** The stream of {@code token}'s shopper on {@code edge}, once the edge answered it with 200. */
    static EventStream open(Platform edge, String token) {
        EventStream stream = new EventStream(edge, token);
        await().atMost(Duration.ofSeconds(30)).until(stream.open::isDone);
        assertThat(stream.open.join().statusCode())
                .as("the event stream's answer")
                .isEqualTo(200);
        return stream;
    }

    List<String> lines() {
        return lines;
    }

    /** The data of the first event of this kind about the request, or null. */
    JsonNode dataOf(String event, String requestId) {
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

    @Override
    public void close() {
        reading.cancel(true);
        open.thenAccept(response -> response.body().close());
    }
}
