package com.flashsale.orders.purchase;

import reactor.core.publisher.Mono;

/** One unit of work against the orders schema: it lands whole or not at all. */
public interface Transactions {

    <T> Mono<T> inOne(Mono<T> work);

    /** The work in one transaction that is rolled back whatever it did: nothing of it lands. */
    <T> Mono<T> rolledBack(Mono<T> work);
}
