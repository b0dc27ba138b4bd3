package com.flashsale.orders.purchase.persistence;

import com.flashsale.orders.purchase.Transactions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** {@link Transactions} as R2DBC transactions of the processor's connection pool. */
@Component
class R2dbcTransactions implements Transactions {

    private final TransactionalOperator tx;

    R2dbcTransactions(TransactionalOperator tx) {
        this.tx = tx;
    }

    @Override
    public <T> Mono<T> inOne(Mono<T> work) {
        return tx.transactional(Mono.defer(() -> work));
    }
}
