package com.flashsale.edge.purchase;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The open event streams of the shoppers connected to this instance, by user id, so an update
 * reaches its owner's streams without being offered to anyone else's.
 */
public final class ShopperChannels {

    private static final int BUFFER = 256;

    private final ConcurrentHashMap<UUID, Set<Sinks.Many<PurchaseUpdate>>> channels = new ConcurrentHashMap<>();

    /** A live stream of the shopper's updates, open until the subscriber cancels. */
    public Flux<PurchaseUpdate> open(UUID userId) {
        Sinks.Many<PurchaseUpdate> sink =
                Sinks.many().unicast().onBackpressureBuffer(new java.util.concurrent.ArrayBlockingQueue<>(BUFFER));
        return sink.asFlux()
                .doOnSubscribe(s -> channels.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet())
                        .add(sink))
                .doFinally(signal -> channels.computeIfPresent(userId, (id, sinks) -> {
                    sinks.remove(sink);
                    return sinks.isEmpty() ? null : sinks;
                }));
    }

    /** Offers the update to every open stream of its owner; a stream that cannot keep up loses it, not the others. */
    public void publish(UUID userId, PurchaseUpdate update) {
        Set<Sinks.Many<PurchaseUpdate>> sinks = channels.get(userId);
        if (sinks != null) {
            for (Sinks.Many<PurchaseUpdate> sink : sinks) {
                synchronized (sink) { // unicast sinks accept one emitter at a time
                    sink.tryEmitNext(update);
                }
            }
        }
    }

    /** How many shoppers have a stream open here. */
    public int connectedShoppers() {
        return channels.size();
    }
}
