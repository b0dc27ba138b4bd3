package com.flashsale.catalog;

import reactor.core.publisher.Mono;

/** One unit of work against the catalog's store: it lands whole or not at all. */
public interface Transactions {

    <T> Mono<T> inOne(Mono<T> work);
}
