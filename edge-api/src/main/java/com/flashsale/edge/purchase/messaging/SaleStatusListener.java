package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.edge.messaging.TopicTail;
import com.flashsale.edge.purchase.QueueProgress;
import com.flashsale.edge.sale.SaleDirectory;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sale-status topic, read from its start (compacted): each sale's stock as order-processor last
 * applied it, and with it how far the sale's request partition is applied and how fast: the one
 * route by which shoppers' places in the queue move (the processor group's own offsets are not read:
 * ADR 0002). Not ready until it has caught up.
 */
@Component
class SaleStatusListener implements HealthIndicator, AutoCloseable {

    private final SaleDirectory sales;
    private final QueueProgress progress;
    private final JsonMapper json;
    private final TopicTail tail;

    SaleStatusListener(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            SaleDirectory sales,
            QueueProgress progress,
            JsonMapper json) {
        this.sales = sales;
        this.progress = progress;
        this.json = json;
        this.tail = new TopicTail(
                        "sale-status",
                        bootstrap,
                        List.of(Topics.SALE_STATUS),
                        TopicTail.Start.BEGINNING,
                        this::onStatus)
                .start();
    }

    void onStatus(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        SaleStatusChanged status = json.readValue(record.value(), SaleStatusChanged.class);
        sales.report(status);
        if (status.partition() >= 0) {
            progress.applied(status.partition(), status.appliedOffset(), status.appliedPerSecond());
        }
    }

    @Override
    public Health health() {
        return tail.caughtUp()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("stock", "catching up with " + Topics.SALE_STATUS)
                        .build();
    }

    @Override
    public void close() {
        tail.close();
    }
}
