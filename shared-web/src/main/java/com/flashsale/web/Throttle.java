package com.flashsale.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) by key, e.g. one per client address: each key may spend {@code capacity}
 * tokens at once and gets one back every {@code refillEvery}. Buckets live in a bounded cache and
 * are forgotten once idle long enough to be full again, so an unused key costs nothing.
 */
public final class Throttle {

    private final Rule rule;
    private final Cache<String, Bucket> buckets;

    public Throttle(Rule rule, int maxKeys) {
        this.rule = rule;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(rule.refillEvery().multipliedBy(rule.capacity()))
                .build();
    }

    /** How long {@code key} must wait before it may spend a token; empty when it may now (nothing is spent). */
    public Optional<Duration> waitFor(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        var estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
    }

    /** Spends a token of {@code key}; empty when it could, else how long until it can. */
    public Optional<Duration> spend(String key) {
        var probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Gives {@code key} its full capacity again (e.g. after a successful sign-in from that place). */
    public void forgive(String key) {
        buckets.invalidate(key);
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(rule.capacity())
                                .refillGreedy(1, rule.refillEvery())
                                .build())
                        .build());
    }

    /** {@code capacity} tokens at most, one more every {@code refillEvery}. */
    public record Rule(int capacity, Duration refillEvery) {

        public Rule {
            if (capacity < 1 || refillEvery == null || refillEvery.isNegative() || refillEvery.isZero()) {
                throw new IllegalArgumentException("a throttle needs a capacity >= 1 and a positive refill period");
            }
        }
    }

    /** Seconds for a {@code Retry-After} header: at least one, rounded up. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
