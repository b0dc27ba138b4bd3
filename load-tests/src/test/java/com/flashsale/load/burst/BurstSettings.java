package com.flashsale.load.burst;

import com.flashsale.load.DbSettings;
import com.flashsale.load.StackClient;
import java.time.Duration;

/**
 * The burst's parameters: system properties {@code burst.users}, {@code burst.requests},
 * {@code burst.stock}, {@code burst.concurrency}, {@code burst.max-seconds} (or the environment
 * variables BURST_USERS, ...), the edge's base URL and the stack's database.
 */
record BurstSettings(
        int users,
        int requests,
        int stock,
        int concurrency,
        Duration maxDuration,
        String baseUrl,
        DbSettings db,
        Duration settleBound) {

    static BurstSettings fromEnvironment() {
        return new BurstSettings(
                positive("users", 20_000),
                positive("requests", 100_000),
                positive("stock", 1_000),
                positive("concurrency", 256),
                Duration.ofSeconds(positive("max-seconds", 300)),
                StackClient.baseUrlFromEnvironment(),
                DbSettings.fromEnvironment(),
                Duration.ofSeconds(positive("settle-seconds", 120)));
    }

    private static int positive(String name, int fallback) {
        String value = System.getProperty("burst." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("BURST_" + name.toUpperCase().replace('-', '_'));
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int n = Integer.parseInt(value.trim().replace("_", "").replace(",", ""));
        if (n < 1) {
            throw new IllegalArgumentException("burst." + name + " must be at least 1, got " + n);
        }
        return n;
    }
}
