package com.flashsale.orders;

import com.flashsale.contracts.Topics;
import com.flashsale.contracts.json.ContractsJacksonModule;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** Kafka wiring: retry a failed batch until it applies (it is never skipped), and the topics it writes. */
@Configuration
class KafkaConfig {

    /** Instants in Kafka and HTTP JSON through the contracts' fast ISO-8601 codec (same text as Jackson's). */
    @Bean
    ContractsJacksonModule contractsJacksonModule() {
        return new ContractsJacksonModule();
    }

    @Bean
    DefaultErrorHandler errorHandler() {
        // A batch that fails (database away, sale not known yet) is retried, never dropped:
        // skipping would lose requests that were answered 202.
        return new DefaultErrorHandler(new FixedBackOff(1_000L, FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    @Bean
    NewTopic purchaseOutcomesTopic() {
        return topic(Topics.PURCHASE_OUTCOMES);
    }

    @Bean
    NewTopic saleStatusTopic() {
        return topic(Topics.SALE_STATUS);
    }

    static NewTopic topic(String name) {
        Topics.Spec spec = Topics.spec(name);
        // Replication is left to the broker's default: one locally, more on a cluster.
        TopicBuilder builder = TopicBuilder.name(spec.name()).partitions(spec.partitions());
        if (spec.compacted()) {
            builder.compact();
        }
        if (spec.retention() != null) {
            builder.config("retention.ms", String.valueOf(spec.retention().toMillis()));
        }
        return builder.build();
    }
}
