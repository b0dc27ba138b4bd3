package com.flashsale.orders.lag.messaging;

import com.flashsale.orders.lag.LagSettings;
import com.flashsale.orders.lag.LagWatch;
import com.flashsale.orders.purchase.PartitionOffsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The clock of {@link LagWatch}: a sample of every partition each {@code sample-every}, on its own
 * thread (Kafka's admin calls may take seconds; the shared scheduler runs the outcome flushes).
 */
@Component
class LagSampling implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LagSampling.class);
    private static final Duration DB_BOUND = Duration.ofSeconds(10);

    private final LagWatch lag;
    private final PartitionOffsets offsets;
    private final LagSettings settings;
    private final Clock clock;
    private ScheduledExecutorService thread;
    private volatile boolean failing;

    LagSampling(LagWatch lag, PartitionOffsets offsets, LagSettings settings, Clock clock) {
        this.lag = lag;
        this.offsets = offsets;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lag-sampler");
            t.setDaemon(true);
            return t;
        });
        long every = settings.sampleEvery().toMillis();
        thread.scheduleWithFixedDelay(this::sample, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    private void sample() {
        try {
            Map<Integer, Long> applied = offsets.applied().block(DB_BOUND);
            lag.sample(applied == null ? Map.of() : applied, clock.instant());
            if (failing) {
                failing = false;
                log.info("Lag sampling works again");
            }
        } catch (RuntimeException e) {
            // The database or Kafka is away: the last report stays, and the health says what is away.
            if (!failing) {
                failing = true;
                log.warn("Lag not sampled ({}); retrying every {}", e.toString(), settings.sampleEvery());
            }
        }
    }
}
