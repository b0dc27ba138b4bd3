package com.flashsale.catalog.sale.messaging;

import com.flashsale.catalog.sale.FlashSales;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learns each sale's units sold from order-processor's compacted sale-status topic, so that an
 * admin cannot set a stock below them (ADR 0010). What it knows may lag by a batch; order-processor
 * never lets a stock fall below what it sold, so a late report costs accuracy, never an invariant.
 */
@Component
class SaleStatusListener {

    private static final Logger log = LoggerFactory.getLogger(SaleStatusListener.class);

    private final FlashSales sales;
    private final JsonMapper json;

    SaleStatusListener(FlashSales sales, JsonMapper json) {
        this.sales = sales;
        this.json = json;
    }

    @KafkaListener(
            id = "catalog-sale-status",
            topics = Topics.SALE_STATUS,
            groupId = "${flashsale.catalog.sale-status-group:catalog-service-sale-status}",
            properties = "auto.offset.reset=earliest")
    void onStatus(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        SaleStatusChanged status;
        try {
            status = json.readValue(record.value(), SaleStatusChanged.class);
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable sale status at {}@{}: {}", record.partition(), record.offset(), e.toString());
            return;
        }
        if (status.saleId() == null || status.changedAt() == null) {
            return;
        }
        int sold = Math.max(0, status.stock() - status.remaining());
        sales.recordUnitsSold(status.saleId(), sold, status.changedAt()).block(Duration.ofSeconds(30));
    }
}
