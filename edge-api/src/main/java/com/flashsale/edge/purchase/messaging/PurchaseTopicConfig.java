package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic the edge produces purchase requests to, created with its contract's shape where it is missing. */
@Configuration
class PurchaseTopicConfig {

    @Bean
    NewTopic purchaseRequestsTopic() {
        Topics.Spec spec = Topics.spec(Topics.PURCHASE_REQUESTS);
        return TopicBuilder.name(spec.name())
                .partitions(spec.partitions())
                .config("retention.ms", String.valueOf(spec.retention().toMillis()))
                .build();
    }
}
