package com.flashsale.edge.sale;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each sold-out sale sold its last unit, as read once from the orders read contract after the
 * edge saw its stock reach zero. Answers come from memory: the sale routes never read the database.
 * A sale whose stock rises again forgets its time, and learns a new one when it sells out again.
 */
public final class SoldOutTimes {

    private final ConcurrentHashMap<UUID, Optional<Instant>> known = new ConcurrentHashMap<>();

    /** When the sale's last unit was confirmed, if it is sold out and that is known yet. */
    public Instant of(UUID saleId) {
        Optional<Instant> at = known.get(saleId);
        return at == null ? null : at.orElse(null);
    }

    /**
     * The sales of the directory whose stock is gone and whose time is not known yet; forgets the times
     * of sales that have stock again.
     */
    public List<UUID> toLearn(SaleDirectory directory) {
        known.keySet().removeIf(saleId -> {
            Integer remaining = directory.remaining(saleId);
            return remaining == null || remaining > 0;
        });
        return directory.all().stream()
                .map(sale -> sale.saleId())
                .filter(saleId -> !known.containsKey(saleId))
                .filter(saleId -> {
                    Integer remaining = directory.remaining(saleId);
                    return remaining != null && remaining <= 0;
                })
                .toList();
    }

    /** The instant of the sale's last confirmed unit; null when none was ever confirmed (a stock of 0). */
    public void learned(UUID saleId, Instant lastConfirmedAt) {
        known.put(saleId, Optional.ofNullable(lastConfirmedAt));
    }
}
