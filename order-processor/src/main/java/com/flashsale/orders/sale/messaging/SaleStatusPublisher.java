package com.flashsale.orders.sale.messaging;

import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.persistence.PurchaseBatchWriter.AppliedBatch;
import com.flashsale.orders.sale.persistence.R2dbcSaleCopies;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells edge-api each sale's remaining stock and how far its partition has been applied, on the
 * compacted sale-status topic. Best effort by design: the latest status supersedes any lost one,
 * and the edge uses it only to refuse early and to estimate queue positions.
 */
@Component
public class SaleStatusPublisher {

    private static final Logger log = LoggerFactory.getLogger(SaleStatusPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final R2dbcSaleCopies copies;
    private final JsonMapper json;
    private final Clock clock;
    private final ConcurrentHashMap<Integer, Rate> rates = new ConcurrentHashMap<>();

    SaleStatusPublisher(KafkaTemplate<String, String> kafka, R2dbcSaleCopies copies, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.copies = copies;
        this.json = json;
        this.clock = clock;
    }

    /** Publishes the status of every sale a committed batch touched. */
    public void publish(AppliedBatch batch, int records) {
        long now = System.nanoTime();
        double perSecond =
                rates.computeIfAbsent(batch.partition(), p -> new Rate()).record(records, now);
        batch.remaining()
                .forEach((saleId, remaining) -> send(new SaleStatusChanged(
                        SaleStatusChanged.VERSION,
                        saleId,
                        batch.sales().get(saleId).stock(),
                        remaining,
                        batch.partition(),
                        batch.nextOffset(),
                        perSecond,
                        clock.instant())));
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

    /** Applied records per second over the recent past: an exponentially weighted moving average. */
    static final class Rate {
        private long lastNanos;
        private double perSecond;

        synchronized double record(int records, long nowNanos) {
            if (lastNanos != 0) {
                double seconds = Math.max((nowNanos - lastNanos) / 1e9, 1e-3);
                double instant = records / seconds;
                perSecond = perSecond == 0 ? instant : 0.7 * perSecond + 0.3 * instant;
            }
            lastNanos = nowNanos;
            return perSecond;
        }
    }
}
