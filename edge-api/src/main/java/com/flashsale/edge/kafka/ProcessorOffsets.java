package com.flashsale.edge.kafka;

import com.flashsale.contracts.Topics;
import com.flashsale.edge.purchase.QueueProgress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads order-processor's committed offsets on the request topic once a second: a partition's
 * applied position for queue places, before any batch of it has been reported on sale-status.
 */
public final class ProcessorOffsets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorOffsets.class);

    private final Admin admin;
    private final String group;
    private final QueueProgress progress;
    private final Thread thread;
    private volatile boolean running = true;

    public ProcessorOffsets(String bootstrapServers, String group, QueueProgress progress) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "edge-queue-progress"));
        this.group = group;
        this.progress = progress;
        this.thread = new Thread(this::run, "processor-offsets");
        thread.setDaemon(true);
    }

    public ProcessorOffsets start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS);
                offsets.forEach((partition, offset) -> {
                    if (offset != null && Topics.PURCHASE_REQUESTS.equals(partition.topic())) {
                        progress.applied(partition.partition(), offset.offset(), 0);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.debug("Processor offsets not read: {}", e.toString());
            }
            try {
                Thread.sleep(Duration.ofSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        admin.close(Duration.ofSeconds(2));
    }
}
