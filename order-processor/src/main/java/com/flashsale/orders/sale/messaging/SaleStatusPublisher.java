package com.flashsale.orders.sale.messaging;

import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.sale.persistence.R2dbcSaleCopies;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells edge-api every sale's stock and remaining units on the compacted sale-status topic, without
 * partition progress, at start and when a sale's definition changes (the purchase capability
 * publishes the progress of each batch). Best effort by design: the latest status supersedes any
 * lost one.
 */
@Component
class SaleStatusPublisher {

    private static final Logger log = LoggerFactory.getLogger(SaleStatusPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final R2dbcSaleCopies copies;
    private final JsonMapper json;
    private final Clock clock;

    SaleStatusPublisher(KafkaTemplate<String, String> kafka, R2dbcSaleCopies copies, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.copies = copies;
        this.json = json;
        this.clock = clock;
    }

    /** Publishes every sale's stock level, without partition progress (partition -1). */
    @EventListener(ApplicationReadyEvent.class)
    public void publishStockLevels() {
        try {
            copies.stockLevels()
                    .doOnNext(level -> send(new SaleStatusChanged(
                            SaleStatusChanged.VERSION,
                            level.saleId(),
                            level.stock(),
                            level.remaining(),
                            -1,
                            -1,
                            0,
                            clock.instant())))
                    .then()
                    .block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("Cannot publish stock levels now: {}", e.toString());
        }
    }

    private void send(SaleStatusChanged status) {
        kafka.send(Topics.SALE_STATUS, status.saleId().toString(), json.writeValueAsString(status))
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        log.debug("Sale status not sent: {}", e.toString());
                    }
                });
    }
}
