package com.flashsale.edge.sale.messaging;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.edge.messaging.TopicTail;
import com.flashsale.edge.sale.SaleDirectory;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sales topic, read from its start (compacted): the edge's copy of every sale's definition.
 * Not ready until it has caught up: before that, every sale would look unknown.
 */
@Component
class SaleDefinitionListener implements HealthIndicator, AutoCloseable {

    private final SaleDirectory sales;
    private final JsonMapper json;
    private final TopicTail tail;

    SaleDefinitionListener(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap, SaleDirectory sales, JsonMapper json) {
        this.sales = sales;
        this.json = json;
        this.tail = new TopicTail("sales", bootstrap, List.of(Topics.SALES), TopicTail.Start.BEGINNING, this::onSale)
                .start();
    }

    void onSale(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            sales.define(json.readValue(record.value(), SaleDefined.class));
        }
    }

    @Override
    public Health health() {
        return tail.caughtUp()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("sales", "catching up with " + Topics.SALES)
                        .build();
    }

    @Override
    public void close() {
        tail.close();
    }
}
