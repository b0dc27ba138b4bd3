package com.flashsale.edge.security;

import com.flashsale.auth.JwkSets;
import com.flashsale.auth.TrustedKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the edge's trusted keys equal to catalog-service's JWKS: fetched at start, again every few
 * seconds, and at once (at most once a second) when a token names a kid the edge does not know yet.
 * A failed fetch keeps the keys known before. Runs on its own thread, never on an event loop.
 */
final class JwksRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JwksRefresher.class);
    private static final long HINT_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final URI source;
    private final TrustedKeys keys;
    private final Duration interval;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jwks-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong lastHint = new AtomicLong(System.nanoTime() - HINT_SPACING_NANOS);
    private volatile boolean loaded;

    JwksRefresher(URI source, TrustedKeys keys, Duration interval) {
        this.source = source;
        this.keys = keys;
        this.interval = interval;
    }

    JwksRefresher start() {
        timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the key set has been fetched at least once. */
    boolean loaded() {
        return loaded;
    }

    /** A token named a kid not trusted yet: maybe a new key; fetch again soon, but not for every such token. */
    void unknownKid(String kid) {
        long now = System.nanoTime();
        long last = lastHint.get();
        if (now - last >= HINT_SPACING_NANOS && lastHint.compareAndSet(last, now)) {
            timer.execute(this::refresh);
        }
    }

    void refresh() {
        try {
            if (keys.replace(JwkSets.parse(fetch()))) {
                log.info("Trusted JWT keys now: {}", keys.kids());
            }
            loaded = true;
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot refresh the JWT keys from {} ({}); keeping {}", source, e.toString(), keys.kids());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String fetch() throws IOException, InterruptedException {
        if ("file".equals(source.getScheme())) {
            return Files.readString(Path.of(source));
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(source)
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
