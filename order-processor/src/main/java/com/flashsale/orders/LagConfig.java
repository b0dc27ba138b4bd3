package com.flashsale.orders;

import com.flashsale.contracts.Topics;
import com.flashsale.orders.lag.LagSettings;
import com.flashsale.orders.lag.LagWatch;
import com.flashsale.orders.lag.TopicProgress;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the lag capability's plain-Java core to Kafka and its settings. */
@Configuration
class LagConfig {

    @Bean
    LagSettings lagSettings(
            @Value("${flashsale.orders.lag.sample-every:PT2S}") Duration sampleEvery,
            @Value("${flashsale.orders.lag.window:10}") int window) {
        return new LagSettings(sampleEvery, window);
    }

    @Bean
    LagWatch lagWatch(
            TopicProgress kafka,
            LagSettings settings,
            @Value("${flashsale.orders.group-id:order-processor}") String group) {
        return new LagWatch(kafka, Topics.PURCHASE_REQUESTS, group, settings.sampleEvery(), settings.window());
    }
}
