package com.flashsale.edge.purchase.web;

import com.flashsale.auth.Caller;
import com.flashsale.edge.purchase.PurchaseUpdate;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.edge.purchase.persistence.R2dbcPurchaseHistory;
import com.flashsale.edge.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * The shopper's live stream of purchase updates over SSE: "queued" with a place in the queue, then
 * the final outcome. On every (re)connection it first replays the shopper's latest stored outcomes,
 * so a client that lost its connection learns what it missed; event ids let it drop repeats.
 */
@RestController
@Tag(name = "Purchases")
class PurchaseOutcomeStream {

    private static final int REPLAYED = 20;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ShopperChannels channels;
    private final R2dbcPurchaseHistory storedOutcomes;
    private final PurchaseTelemetry telemetry;

    PurchaseOutcomeStream(ShopperChannels channels, R2dbcPurchaseHistory storedOutcomes, PurchaseTelemetry telemetry) {
        this.channels = channels;
        this.storedOutcomes = storedOutcomes;
        this.telemetry = telemetry;
    }

    @GetMapping(path = "/api/purchases/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "The caller's purchase updates, live (SSE)",
            description = "Events `queued` (with a place in the queue) and `outcome`, each a purchase update; the"
                    + " latest outcomes are replayed on every connection, and event ids let a client drop repeats."
                    + " Read it with the token in the Authorization header (a fetch-based reader), never in the URL.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The stream; each event's data is one purchase update.",
                            content =
                                    @Content(
                                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                            schema = @Schema(implementation = PurchaseUpdate.class))))
    Flux<ServerSentEvent<PurchaseUpdate>> events(ServerWebExchange exchange) {
        Caller caller = Callers.require(exchange);
        Flux<PurchaseUpdate> live = channels.open(caller.userId());
        Flux<PurchaseUpdate> replay = storedOutcomes
                .latestFor(caller.userId(), REPLAYED)
                .map(PurchaseUpdate::of)
                .onErrorResume(e -> Flux.empty());
        // merge subscribes to the live channel first: nothing decided while the replay is read is lost.
        Flux<ServerSentEvent<PurchaseUpdate>> updates = Flux.merge(live, replay)
                .distinct(PurchaseUpdate::eventId)
                .map(update -> ServerSentEvent.builder(update)
                        .id(update.eventId())
                        .event(update.hasOutcome() ? "outcome" : "queued")
                        .build());
        Flux<ServerSentEvent<PurchaseUpdate>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.<PurchaseUpdate>builder()
                        .comment("keep-alive")
                        .build());
        // A first comment flushes the headers at once: the client knows it is connected.
        ServerSentEvent<PurchaseUpdate> hello =
                ServerSentEvent.<PurchaseUpdate>builder().comment("connected").build();
        return Flux.concat(Flux.just(hello), Flux.merge(updates, heartbeats))
                .doOnSubscribe(s -> telemetry.streamOpened())
                .doFinally(signal -> telemetry.streamClosed());
    }
}
