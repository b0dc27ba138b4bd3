package com.flashsale.orders.sale.messaging;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.sale.persistence.R2dbcSaleCopies;
import java.time.Duration;
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
 * Keeps {@code orders.sales} in step with the compacted sales topic. It reads the topic from the
 * start on every assignment: the copy heals itself even if the database was restored.
 */
@Component
class SaleDefinitionListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(SaleDefinitionListener.class);

    private final R2dbcSaleCopies copies;
    private final SaleStatusPublisher status;
    private final JsonMapper json;

    SaleDefinitionListener(R2dbcSaleCopies copies, SaleStatusPublisher status, JsonMapper json) {
        this.copies = copies;
        this.status = status;
        this.json = json;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }

    @KafkaListener(
            id = "sale-definitions",
            topics = Topics.SALES,
            groupId = "${flashsale.orders.group-id:order-processor}-sales")
    void onSale(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone: sales are never deleted from the processor's copy
        }
        SaleDefined sale;
        try {
            sale = json.readValue(record.value(), SaleDefined.class);
        } catch (RuntimeException e) {
            log.warn(
                    "Skipping unreadable sale definition at {}@{}: {}",
                    record.partition(),
                    record.offset(),
                    e.toString());
            return;
        }
        Boolean changed = copies.upsert(sale).block(Duration.ofSeconds(60));
        if (Boolean.TRUE.equals(changed)) {
            log.info(
                    "event=sale.applied saleId={} version={} stock={} window=[{}, {}){}",
                    sale.saleId(),
                    sale.version(),
                    sale.stock(),
                    sale.startsAt(),
                    sale.endsAt(),
                    sale.cancelled() ? " cancelled=true" : "");
            status.publishStockLevels();
        }
    }
}
