package com.flashsale.edge.sale.persistence;

import com.flashsale.edge.purchase.persistence.R2dbcPurchaseHistory;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.sale.SoldOutTimes;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Once a second, reads when each newly sold-out sale confirmed its last unit (from the orders read
 * contract) into {@link SoldOutTimes}: one query per sale and sell-out, off every request's path.
 * A failed read is tried again the next second.
 */
@Component
class SoldOutLookup implements SmartLifecycle {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final SaleDirectory directory;
    private final SoldOutTimes times;
    private final R2dbcPurchaseHistory history;
    private volatile Disposable loop;

    SoldOutLookup(SaleDirectory directory, SoldOutTimes times, R2dbcPurchaseHistory history) {
        this.directory = directory;
        this.times = times;
        this.history = history;
    }

    @Override
    public void start() {
        loop = Flux.interval(EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(times.toLearn(directory))
                        .concatMap(saleId -> history.lastConfirmedAt(saleId)
                                .doOnNext(at -> times.learned(saleId, at.orElse(null)))
                                .onErrorResume(e -> Mono.empty())))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = loop;
        return running != null && !running.isDisposed();
    }
}
