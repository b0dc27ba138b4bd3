package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.Topics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the producer's metadata of the purchase topic loaded, so that a send never needs to wait
 * for it (the producer does not wait: {@code max.block.ms=0}). Asks for it at start until it is
 * there, and again every minute so that an idle topic is never dropped from the producer's
 * metadata ({@code metadata.max.idle.ms}). Not ready until the metadata is loaded.
 */
@Component
class ProducerWarmth implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmth.class);
    private static final Duration RETRY = Duration.ofMillis(200);
    private static final Duration KEEP_WARM = Duration.ofSeconds(60);

    private final KafkaTemplate<String, String> kafka;
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "producer-warmth");
        thread.setDaemon(true);
        return thread;
    });

    ProducerWarmth(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
        timer.execute(this::touch);
    }

    private void touch() {
        Duration next;
        try {
            kafka.partitionsFor(Topics.PURCHASE_REQUESTS); // also marks the topic as in use
            if (loaded.compareAndSet(false, true)) {
                log.info("Producer metadata of {} loaded", Topics.PURCHASE_REQUESTS);
            }
            next = KEEP_WARM;
        } catch (RuntimeException notYet) {
            // The request for metadata is on its way; ask again shortly.
            next = loaded.get() ? KEEP_WARM : RETRY;
        }
        if (!timer.isShutdown()) {
            timer.schedule(this::touch, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Health health() {
        return loaded.get()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("producer", "loading the metadata of " + Topics.PURCHASE_REQUESTS)
                        .build();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
