package com.flashsale.catalog.sale;

import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store of flash sales, with the version each one last reached Kafka at. */
public interface FlashSales {

    Mono<FlashSale> add(FlashSale sale);

    Mono<FlashSale> findById(UUID id);

    Flux<FlashSale> all();

    /** Sales whose latest version Kafka has not acknowledged yet. */
    Flux<FlashSale> unpublished();

    Mono<Void> markPublished(UUID id, long version);
}
