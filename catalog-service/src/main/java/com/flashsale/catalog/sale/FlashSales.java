package com.flashsale.catalog.sale;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store of flash sales, with the version each one last reached Kafka at. */
public interface FlashSales {

    /** Stores a new sale of a product that is not deleted; empty if the product is gone. */
    Mono<FlashSale> add(FlashSale sale);

    Mono<FlashSale> findById(UUID id);

    /** The sale, locked against every other change until the transaction ends. */
    Mono<FlashSale> lockById(UUID id);

    Flux<FlashSale> all();

    /** Stores the draft's terms as the sale's next version (the currency follows the product). */
    Mono<FlashSale> redefine(UUID id, SaleDraft draft, String currency);

    /** Cancels the sale as its next version. */
    Mono<FlashSale> cancel(UUID id, Instant at);

    /** Records the units sold that order-processor reported at {@code reportedAt}, unless a later report is known. */
    Mono<Void> recordUnitsSold(UUID id, int unitsSold, Instant reportedAt);

    /** Sales whose latest version Kafka has not acknowledged yet. */
    Flux<FlashSale> unpublished();

    Mono<Void> markPublished(UUID id, long version);
}
