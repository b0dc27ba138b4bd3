package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics the edge produces purchase requests to (the real ones, and its start's rehearsals,
 * docs/adr/0019), created with their contract's shape where they are missing.
 */
@Configuration
class PurchaseTopicConfig {

    @Bean
    NewTopic purchaseRequestsTopic() {
        return topic(Topics.PURCHASE_REQUESTS);
    }

    @Bean
    NewTopic rehearsalsTopic() {
        return topic(Topics.REHEARSALS);
    }

    private static NewTopic topic(String name) {
        Topics.Spec spec = Topics.spec(name);
        return TopicBuilder.name(spec.name())
                .partitions(spec.partitions())
                .config("retention.ms", String.valueOf(spec.retention().toMillis()))
                .build();
    }
}
