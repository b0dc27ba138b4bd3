package com.flashsale.orders.purchase.persistence;

import com.flashsale.orders.purchase.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** {@link Transactions} as R2DBC transactions of the processor's connection pool, each commit timed. */
@Component
class R2dbcTransactions implements Transactions {

    private final TransactionalOperator tx;
    private final Timer commits;

    R2dbcTransactions(TransactionalOperator tx, MeterRegistry registry) {
        this.tx = tx;
        this.commits = Timer.builder("flashsale.orders.batch.commit")
                .description("The COMMIT of a batch's transaction, from its last statement's answer to the commit's")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Override
    public <T> Mono<T> inOne(Mono<T> work) {
        return Mono.defer(() -> {
            // The work's end is where the commit starts: the operator commits once the work completes.
            AtomicLong workDone = new AtomicLong();
            return tx.transactional(Mono.defer(() -> work).doOnSuccess(result -> workDone.set(System.nanoTime())))
                    .doOnSuccess(result -> {
                        long start = workDone.get();
                        if (start != 0) {
                            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        }
                    });
        });
    }

    @Override
    public <T> Mono<T> rolledBack(Mono<T> work) {
        return tx.execute(status -> {
                    status.setRollbackOnly();
                    return work;
                })
                .singleOrEmpty();
    }
}
