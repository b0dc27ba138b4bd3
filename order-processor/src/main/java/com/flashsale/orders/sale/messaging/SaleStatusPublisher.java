package com.flashsale.orders.sale.messaging;

import com.flashsale.orders.purchase.messaging.BatchProgressPublisher;
import com.flashsale.orders.sale.persistence.R2dbcSaleCopies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells edge-api every sale's stock and remaining units on the compacted sale-status topic, at start
 * and when a sale's definition changes, through the purchase capability, which adds how far the
 * sale's partition is applied (and publishes the progress of each batch). Best effort by design: the
 * latest status supersedes any lost one.
 */
@Component
class SaleStatusPublisher {

    private static final Logger log = LoggerFactory.getLogger(SaleStatusPublisher.class);

    private final R2dbcSaleCopies copies;
    private final BatchProgressPublisher progress;
    private final Clock clock;

    SaleStatusPublisher(R2dbcSaleCopies copies, BatchProgressPublisher progress, Clock clock) {
        this.copies = copies;
        this.progress = progress;
        this.clock = clock;
    }

    /** Publishes every sale's stock level with its partition's progress. */
    @EventListener(ApplicationReadyEvent.class)
    public void publishStockLevels() {
        try {
            // Before the read: each level is at least as new as this instant, which it carries.
            Instant readAt = clock.instant();
            copies.stockLevels()
                    .concatMap(
                            level -> progress.publishStanding(level.saleId(), level.stock(), level.remaining(), readAt))
                    .then()
                    .block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("Cannot publish stock levels now: {}", e.toString());
        }
    }
}
