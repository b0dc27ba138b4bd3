package com.flashsale.edge.kafka;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.contracts.json.ContractsJacksonModule;
import com.flashsale.edge.messaging.TopicTail;
import com.flashsale.edge.purchase.OutcomeBook;
import com.flashsale.edge.purchase.PurchaseUpdate;
import com.flashsale.edge.purchase.QueueProgress;
import com.flashsale.edge.purchase.QueueWatch;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.edge.sale.SaleDirectory;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where Kafka meets the edge: the copies of sales and stock (read from the start of their
 * compacted topics), the live outcomes (read from the end, by every instance), and the topic the
 * edge produces to.
 */
@Configuration
class EdgeMessaging {

    /** Instants in Kafka and HTTP JSON through the contracts' fast ISO-8601 codec (same text as Jackson's). */
    @Bean
    ContractsJacksonModule contractsJacksonModule() {
        return new ContractsJacksonModule();
    }

    @Bean
    SaleDirectory saleDirectory() {
        return new SaleDirectory();
    }

    @Bean
    OutcomeBook outcomeBook(@Value("${flashsale.edge.outcome-cache-size:500000}") int capacity) {
        return new OutcomeBook(capacity);
    }

    @Bean
    QueueProgress queueProgress() {
        return new QueueProgress();
    }

    @Bean(destroyMethod = "close")
    ProcessorOffsets processorOffsets(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            @Value("${flashsale.edge.processor-group:order-processor}") String group,
            QueueProgress progress) {
        return new ProcessorOffsets(bootstrap, group, progress).start();
    }

    @Bean(destroyMethod = "close")
    TopicTail saleTail(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            SaleDirectory directory,
            QueueProgress progress,
            JsonMapper json) {
        return new TopicTail(
                        "sales",
                        bootstrap,
                        List.of(Topics.SALES, Topics.SALE_STATUS),
                        TopicTail.Start.BEGINNING,
                        record -> {
                            if (record.value() == null) {
                                return;
                            }
                            if (Topics.SALES.equals(record.topic())) {
                                directory.define(json.readValue(record.value(), SaleDefined.class));
                            } else {
                                SaleStatusChanged status = json.readValue(record.value(), SaleStatusChanged.class);
                                directory.report(status);
                                if (status.partition() >= 0) {
                                    progress.applied(
                                            status.partition(), status.appliedOffset(), status.appliedPerSecond());
                                }
                            }
                        })
                .start();
    }

    @Bean
    ShopperChannels shopperChannels() {
        return new ShopperChannels();
    }

    @Bean
    QueueWatch queueWatch(@Value("${flashsale.edge.queue-watch-size:200000}") int capacity) {
        return new QueueWatch(capacity, Duration.ofMinutes(10));
    }

    @Bean(destroyMethod = "close")
    TopicTail outcomeTail(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            OutcomeBook book,
            ShopperChannels channels,
            QueueWatch queueWatch,
            JsonMapper json) {
        return new TopicTail("outcomes", bootstrap, List.of(Topics.PURCHASE_OUTCOMES), TopicTail.Start.END, record -> {
                    PurchaseDecided outcome = json.readValue(record.value(), PurchaseDecided.class);
                    queueWatch.decided(outcome.requestId());
                    // Delivered at least once: only the first copy reaches the shopper.
                    if (book.record(outcome)) {
                        channels.publish(outcome.userId(), PurchaseUpdate.of(outcome));
                    }
                })
                .start();
    }

    /** Ready to serve once the copy of the sales has caught up: before that, every sale would look unknown. */
    @Bean
    HealthIndicator salesCopy(TopicTail saleTail) {
        return () -> saleTail.caughtUp()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("sales", "catching up with " + Topics.SALES)
                        .build();
    }

    @Bean
    NewTopic purchaseRequestsTopic() {
        Topics.Spec spec = Topics.spec(Topics.PURCHASE_REQUESTS);
        return TopicBuilder.name(spec.name())
                .partitions(spec.partitions())
                .config("retention.ms", String.valueOf(spec.retention().toMillis()))
                .build();
    }
}
