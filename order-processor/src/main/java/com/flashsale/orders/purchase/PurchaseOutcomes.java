package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseDecided;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every request's outcome, one per request id, with the partition and offset it was decided from. */
public interface PurchaseOutcomes {

    /** Which of these requests already have an outcome. */
    Mono<Set<UUID>> decidedAmong(Set<UUID> requestIds);

    /** Stores the decisions of one batch of the partition, decided at {@code decidedAt}. */
    Mono<Void> add(int partition, List<Decision> decisions, Instant decidedAt);

    /** The outcomes decided from the partition's records in [from, to), in offset order. */
    Flux<PurchaseDecided> between(int partition, long from, long to);
}
