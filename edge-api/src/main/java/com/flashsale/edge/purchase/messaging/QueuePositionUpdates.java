package com.flashsale.edge.purchase.messaging;

import com.flashsale.edge.purchase.QueueProgress;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.edge.purchase.WaitingPurchases;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Once a second, tells each waiting shopper connected to this instance their new place in the
 * queue, as order-processor's applied offsets advance (learnt from the sale-status topic): an SSE "queued" event per place gained.
 */
@Component
class QueuePositionUpdates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueuePositionUpdates.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "queue-positions");
        thread.setDaemon(true);
        return thread;
    });

    QueuePositionUpdates(
            WaitingPurchases waiting,
            QueueProgress progress,
            ShopperChannels channels,
            @Value("${flashsale.edge.queue-update-interval:1s}") Duration interval) {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        waiting.refresh(progress, channels::publish);
                    } catch (RuntimeException e) {
                        log.warn("Queue positions not sent this round: {}", e.toString());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
