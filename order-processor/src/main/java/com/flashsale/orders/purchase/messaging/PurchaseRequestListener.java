package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.AppliedBatch;
import com.flashsale.orders.purchase.ApplyingBatch;
import com.flashsale.orders.purchase.IncomingRequest;
import com.flashsale.orders.purchase.PartitionOffsets;
import com.flashsale.orders.purchase.StoredOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes purchase requests, one consumer thread per partition, and hands each poll's records to
 * {@link ApplyingBatch} partition by partition, in offset order, one transaction per partition
 * batch; after each commit, its outcomes go to {@link OutcomePublication} and its progress to
 * {@link BatchProgressPublisher}. The applied offsets live in PostgreSQL with the batch ({@link
 * PartitionOffsets}); on assignment the consumer seeks to them.
 */
@Component
class PurchaseRequestListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(PurchaseRequestListener.class);
    private static final Duration DB_BOUND = Duration.ofSeconds(60);

    private final ApplyingBatch applying;
    private final PartitionOffsets offsets;
    private final OutcomePublication outcomes;
    private final BatchProgressPublisher progress;
    private final PurchaseTelemetry telemetry;
    private final JsonMapper json;

    PurchaseRequestListener(
            ApplyingBatch applying,
            PartitionOffsets offsets,
            OutcomePublication outcomes,
            BatchProgressPublisher progress,
            PurchaseTelemetry telemetry,
            JsonMapper json) {
        this.applying = applying;
        this.offsets = offsets;
        this.outcomes = outcomes;
        this.progress = progress;
        this.telemetry = telemetry;
        this.json = json;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        for (TopicPartition partition : assignments.keySet()) {
            StoredOffsets stored = offsets.assigned(partition.partition()).block(DB_BOUND);
            if (stored == null) {
                callback.seekToBeginning(partition.topic(), partition.partition());
            } else {
                callback.seek(partition.topic(), partition.partition(), stored.next());
                outcomes.assigned(partition.partition(), stored);
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            // Publication first: what it last saw acknowledged is what the offsets store.
            outcomes.revoked(partition.partition());
            offsets.revoked(partition.partition()).block(DB_BOUND);
        }
    }

    @KafkaListener(
            id = "purchase-requests",
            topics = Topics.PURCHASE_REQUESTS,
            groupId = "${flashsale.orders.group-id:order-processor}",
            concurrency = "${flashsale.orders.consumers:12}",
            batch = "true",
            // Raw bytes: parsed straight from them, and a record that is no request is dead-lettered as it came.
            properties = {
                "key.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"
            })
    void onBatch(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<IncomingRequest>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byPartition
                    .computeIfAbsent(record.partition(), p -> new ArrayList<>())
                    .add(read(record));
        }
        byPartition.forEach((partition, batch) -> {
            long started = System.nanoTime();
            AppliedBatch applied = applying.apply(partition, batch).block(DB_BOUND);
            if (applied != null) {
                telemetry.applied(applied, batch.size(), System.nanoTime() - started);
                // After the commit: the row is the truth, the message follows at least once.
                outcomes.committed(partition, applied.nextOffset(), applied.outcomes());
                progress.publish(applied, batch.size());
            }
        });
    }

    private IncomingRequest read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return unreadable(record, "no value");
        }
        try {
            PurchaseRequested request = json.readValue(record.value(), PurchaseRequested.class);
            String missing = missingField(request);
            if (missing != null) {
                return unreadable(record, "missing " + missing);
            }
            return new IncomingRequest.Readable(record.offset(), request);
        } catch (RuntimeException e) {
            return unreadable(record, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The record's key as the sale id it should be, or "-" where it is none (never the raw bytes). */
    private static String saleIdOf(byte[] key) {
        if (key == null || key.length != 36) {
            return "-";
        }
        try {
            return java.util
                    .UUID
                    .fromString(new String(key, java.nio.charset.StandardCharsets.US_ASCII))
                    .toString();
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }

    private static String missingField(PurchaseRequested r) {
        if (r == null) return "body";
        if (r.v() != PurchaseRequested.VERSION) return "supported version (got v" + r.v() + ")";
        if (r.requestId() == null) return "requestId";
        if (r.saleId() == null) return "saleId";
        if (r.userId() == null) return "userId";
        if (r.acceptedAt() == null) return "acceptedAt";
        return null;
    }

    private static IncomingRequest unreadable(ConsumerRecord<byte[], byte[]> record, String why) {
        // One line per event: a parser's message may span lines.
        String error = why.replace('\n', ' ').replace('\r', ' ');
        log.warn(
                "event=purchase.dead-lettered partition={} offset={} saleId={} error={}",
                record.partition(),
                record.offset(),
                saleIdOf(record.key()),
                error.replace("\u0000", "\\u0000"));
        String shortError = error.length() > 1000 ? error.substring(0, 1000) : error;
        return new IncomingRequest.Unreadable(record.offset(), record.key(), record.value(), shortError);
    }
}
