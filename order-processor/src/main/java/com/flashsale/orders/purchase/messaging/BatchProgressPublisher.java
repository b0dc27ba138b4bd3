package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.AppliedBatch;
import com.flashsale.orders.purchase.ApplyRate;
import com.flashsale.orders.purchase.PartitionOffsets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * After each committed batch, tells edge-api on the compacted sale-status topic each touched sale's
 * remaining stock, how far its partition has been applied and at what rate; and a sale's standing
 * when its definition arrives or the service starts ({@link #publishStanding}), so that the edge
 * knows a new sale's place in the queue before its first batch. Best effort by design: the latest
 * status supersedes any lost one, and the edge uses it only to refuse early and to estimate queue
 * positions.
 */
@Component
public class BatchProgressPublisher {

    private static final Logger log = LoggerFactory.getLogger(BatchProgressPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final ConcurrentHashMap<Integer, ApplyRate> rates = new ConcurrentHashMap<>();

    private final PartitionOffsets offsets;
    private volatile int partitions;

    BatchProgressPublisher(
            KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock, PartitionOffsets offsets) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.offsets = offsets;
    }

    /**
     * Publishes a sale's stock and remaining units, as read at {@code readAt} or later, with how far its
     * request partition is applied (the partition Kafka's default partitioner gives its key, the sale
     * id, as the edge's producer does). The status carries {@code readAt}, not the time it is sent: the
     * edge keeps the latest status by that time, so a standing read before a batch committed and sent
     * after the batch's own status must lose to it (a sold-out sale once stayed "1 left" at the edge).
     */
    public Mono<Void> publishStanding(UUID saleId, int stock, int remaining, Instant readAt) {
        int partition = partitionOf(saleId);
        return offsets.appliedUpTo(partition)
                .doOnNext(applied -> send(new SaleStatusChanged(
                        SaleStatusChanged.VERSION,
                        saleId,
                        stock,
                        remaining,
                        partition,
                        applied,
                        rateOf(partition),
                        readAt)))
                .then();
    }

    private int partitionOf(UUID saleId) {
        int count = partitions;
        if (count == 0) {
            count = kafka.partitionsFor(Topics.PURCHASE_REQUESTS).size();
            partitions = count;
        }
        return Utils.toPositive(Utils.murmur2(saleId.toString().getBytes(StandardCharsets.UTF_8))) % count;
    }

    private double rateOf(int partition) {
        ApplyRate rate = rates.get(partition);
        return rate == null ? 0 : rate.current();
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
            send(status);
        });
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
