package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.AppliedBatch;
import com.flashsale.orders.purchase.ApplyRate;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * After each committed batch, tells edge-api on the compacted sale-status topic each touched sale's
 * remaining stock, how far its partition has been applied and at what rate. Best effort by design:
 * the latest status supersedes any lost one, and the edge uses it only to refuse early and to
 * estimate queue positions.
 */
@Component
class BatchProgressPublisher {

    private static final Logger log = LoggerFactory.getLogger(BatchProgressPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final ConcurrentHashMap<Integer, ApplyRate> rates = new ConcurrentHashMap<>();

    BatchProgressPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** Publishes the status of every sale the batch touched; {@code records} is how many the batch held. */
    void publish(AppliedBatch batch, int records) {
        double perSecond =
                rates.computeIfAbsent(batch.partition(), p -> new ApplyRate()).record(records, System.nanoTime());
        batch.remaining().forEach((saleId, remaining) -> {
            SaleStatusChanged status = new SaleStatusChanged(
                    SaleStatusChanged.VERSION,
                    saleId,
                    batch.sales().get(saleId).stock(),
                    remaining,
                    batch.partition(),
                    batch.nextOffset(),
                    perSecond,
                    clock.instant());
            kafka.send(Topics.SALE_STATUS, saleId.toString(), json.writeValueAsString(status))
                    .whenComplete((ok, e) -> {
                        if (e != null) {
                            log.debug("Sale status not sent: {}", e.toString());
                        }
                    });
        });
    }
}
