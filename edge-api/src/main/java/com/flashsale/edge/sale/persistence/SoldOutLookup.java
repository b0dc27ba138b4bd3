package com.flashsale.edge.sale.persistence;

import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.sale.SoldOutTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
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
    private final DatabaseClient db;
    private volatile Disposable loop;

    SoldOutLookup(SaleDirectory directory, SoldOutTimes times, DatabaseClient db) {
        this.directory = directory;
        this.times = times;
        this.db = db;
    }

    @Override
    public void start() {
        loop = Flux.interval(EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(times.toLearn(directory))
                        .concatMap(saleId -> lastConfirmedAt(saleId)
                                .doOnNext(at -> times.learned(saleId, at.orElse(null)))
                                .onErrorResume(e -> Mono.empty())))
                .subscribe();
    }

    /** When the sale's last unit was confirmed: the latest decision of its confirmed requests; empty if none. */
    private Mono<Optional<Instant>> lastConfirmedAt(UUID saleId) {
        // The orders read contract (ADR 0008), as every read of order-processor's schema.
        return db.sql("SELECT max(decided_at) AS at FROM orders.purchase_history_v1"
                        + " WHERE sale_id = :id AND status = 'CONFIRMED'")
                .bind("id", saleId)
                .map(row ->
                        Optional.ofNullable(row.get("at", OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .one();
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
