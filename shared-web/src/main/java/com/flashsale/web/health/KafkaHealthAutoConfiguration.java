package com.flashsale.web.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Gives every service with a Kafka admin the health indicator {@code kafka} ({@link KafkaClusterHealth}). */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(
        name = {
            "org.springframework.kafka.core.KafkaAdmin",
            "org.springframework.boot.health.contributor.HealthIndicator"
        })
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaHealthAutoConfiguration {

    @Bean(name = "kafka")
    @ConditionalOnMissingBean(name = "kafka")
    KafkaClusterHealth kafkaClusterHealth(KafkaAdmin kafkaAdmin) {
        return new KafkaClusterHealth(kafkaAdmin);
    }
}
