package com.flashsale.orders.lag.web;

import com.flashsale.orders.lag.LagWatch;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * DOWN while a partition this instance owns is STALLED (requests waiting, its applied offset
 * unmoved across the lag window): part of order-processor's readiness, so a stuck writer shows.
 * Its details name the partitions this instance owns and those of them that are stalled.
 */
@Component("stalledPartitions")
class StalledPartitionsHealth implements HealthIndicator {

    private final LagWatch lag;
    private final KafkaListenerEndpointRegistry listeners;

    StalledPartitionsHealth(LagWatch lag, KafkaListenerEndpointRegistry listeners) {
        this.lag = lag;
        this.listeners = listeners;
    }

    @Override
    public Health health() {
        Set<Integer> owned = owned();
        List<Integer> stalled = lag.stalledAmong(owned);
        Health.Builder health = stalled.isEmpty() ? Health.up() : Health.down();
        // Which partitions this instance owns: the lag report's owners (client id and host) look alike for
        // several instances on one host, so each instance says its own.
        return health.withDetail("owned", owned.size())
                .withDetail("partitions", owned.stream().sorted().toList())
                .withDetail("stalled", stalled)
                .build();
    }

    private Set<Integer> owned() {
        MessageListenerContainer container = listeners.getListenerContainer("purchase-requests");
        if (container == null || container.getAssignedPartitions() == null) {
            return Set.of();
        }
        return container.getAssignedPartitions().stream()
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }
}
