package com.flashsale.web.health;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Work a fresh service does once before it reports ready, such as rehearsing its hot path so that
 * the first crowd meets compiled code (docs/adr/0011, 0019): started on a daemon thread of its own
 * when the application is ready, out of service until it ends, successful or not (warmth is an
 * optimisation: a failure costs speed, never correctness). When the service stops (a lifecycle of
 * the default phase stops before the web server and the connection pools), {@link #warmUp} is told
 * to begin nothing more and is given ten seconds to end what it has in flight.
 */
public abstract class WarmUpBeforeReady
        implements HealthIndicator, SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(WarmUpBeforeReady.class);

    private final String threadName;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running;

    protected WarmUpBeforeReady(String threadName) {
        this.threadName = threadName;
    }

    /** The work, on its own thread; begins nothing more once {@code stopping} is set. */
    protected abstract void warmUp(AtomicBoolean stopping) throws Exception;

    /** What the warm-up says of itself once it ended: {@code up} with its details. */
    protected abstract Health warm(Health.Builder up);

    /** Why the service is not ready yet, as the health detail {@code warmup}. */
    protected abstract String warming();

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread warming = new Thread(this::run, threadName);
        warming.setDaemon(true);
        thread = warming;
        warming.start();
    }

    private void run() {
        try {
            warmUp(stopping);
        } catch (Exception e) {
            log.warn("{} failed ({}); serving cold", threadName, e.toString());
        } finally {
            done.set(true);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping.set(true);
        Thread warming = thread;
        if (warming != null) {
            try {
                warming.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        return done.get()
                ? warm(Health.up())
                : Health.outOfService().withDetail("warmup", warming()).build();
    }
}
