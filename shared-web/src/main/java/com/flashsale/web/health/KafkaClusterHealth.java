package com.flashsale.web.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Whether the service's Kafka cluster answers: a {@code describeCluster} with a short timeout, its
 * verdict kept for a little while so that probes and scrapes do not each ask the cluster. DOWN while
 * no broker answers; part of every service's readiness.
 */
public class KafkaClusterHealth implements HealthIndicator, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEEP = Duration.ofSeconds(2);

    private final Map<String, Object> config;
    private Admin admin;
    private Health last;
    private long lastNanos;

    public KafkaClusterHealth(KafkaAdmin kafkaAdmin) {
        this.config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        this.config.put("client.id", "health-" + Integer.toHexString(System.identityHashCode(this)));
        this.config.put("request.timeout.ms", (int) TIMEOUT.toMillis());
        this.config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
    }

    @Override
    public synchronized Health health() {
        if (last != null && System.nanoTime() - lastNanos < KEEP.toNanos()) {
            return last;
        }
        last = ask();
        lastNanos = System.nanoTime();
        return last;
    }

    private Health ask() {
        try {
            if (admin == null) {
                admin = Admin.create(config);
            }
            DescribeClusterResult cluster =
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
            long wait = TIMEOUT.toMillis() + 500;
            String clusterId = cluster.clusterId().get(wait, TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(wait, TimeUnit.MILLISECONDS).size();
            return Health.up()
                    .withDetail("clusterId", clusterId)
                    .withDetail("brokers", brokers)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            // The kind of failure only: no stack trace and no broker address leaves the service.
            return Health.down()
                    .withDetail("error", cause.getClass().getSimpleName())
                    .build();
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
