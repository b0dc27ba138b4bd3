package com.flashsale.catalog.product;

import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store of products. */
public interface Products {

    Flux<Product> page(int page, int size);

    Mono<Long> count();

    Mono<Product> findById(UUID id);

    Mono<Product> add(Product product);
}
