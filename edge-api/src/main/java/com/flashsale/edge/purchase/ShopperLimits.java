package com.flashsale.edge.purchase;

import com.flashsale.web.Throttle;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one shopper may ask of the purchase route: a few requests a second (a token bucket per
 * shopper), and at most a few of them waiting for Kafka at once per sale. A shopper hammering the
 * route gets fast 429s; it can never have more than one order anyway (order-processor decides).
 */
public final class ShopperLimits {

    private final Throttle rate;
    private final int maxInFlight;
    private final ConcurrentHashMap<InFlightKey, Integer> inFlight = new ConcurrentHashMap<>();

    public ShopperLimits(Throttle.Rule rate, int maxShoppers, int maxInFlight) {
        this.rate = new Throttle(rate, maxShoppers);
        this.maxInFlight = maxInFlight;
    }

    /** Spends one request of the shopper's budget; empty when there was one, else how long to wait. */
    public Optional<Duration> spend(UUID shopper) {
        return rate.spend(shopper.toString());
    }

    /** A slot for one request of this shopper on this sale waiting for Kafka; empty when all are taken. */
    public Optional<Slot> enter(UUID shopper, UUID sale) {
        InFlightKey key = new InFlightKey(shopper, sale);
        boolean[] entered = {false};
        inFlight.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxInFlight) {
                return now;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0] ? Optional.of(() -> leave(key)) : Optional.empty();
    }

    private void leave(InFlightKey key) {
        inFlight.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    /** A held place; closing it gives it back. */
    @FunctionalInterface
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private record InFlightKey(UUID shopper, UUID sale) {}
}
