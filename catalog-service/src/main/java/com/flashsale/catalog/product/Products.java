package com.flashsale.catalog.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store of products; deleted products are invisible to every read. */
public interface Products {

    /** A page of the catalogue, oldest first; {@code query} (or null) filters names, ignoring case. */
    Flux<Product> page(String query, int page, int size);

    Mono<Long> count(String query);

    Mono<Product> findById(UUID id);

    Mono<Product> add(Product product);

    /** The product, locked against deletion and change until the transaction ends (a sale is defined on it). */
    Mono<Product> lockForSale(UUID id);

    /** The product, locked for a change or deletion until the transaction ends. */
    Mono<Product> lockForChange(UUID id);

    /** The sale prices and currencies of the product's sales that are not over at {@code now}. */
    Flux<OpenSale> openSales(UUID productId, Instant now);

    /**
     * Stores the product's new fields, and marks its sales that are not over as changed, so that
     * the sales topic carries the new name and list price.
     */
    Mono<Product> update(Product product, Instant now);

    /** Takes the product out of the catalogue; its past sales keep naming it. */
    Mono<Void> delete(UUID id);

    /** A sale of the product that is neither ended nor cancelled. */
    record OpenSale(UUID saleId, BigDecimal price, String currency) {}
}
