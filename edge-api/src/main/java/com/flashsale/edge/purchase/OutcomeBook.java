package com.flashsale.edge.purchase;

import com.flashsale.contracts.PurchaseDecided;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcomes this instance has heard, bounded in memory, and the shoppers it knows hold a unit
 * of a sale. Duplicates (outcomes are delivered at least once) are dropped by request id. It is a
 * cache: PostgreSQL stays the truth for polls. The requests still waiting for theirs are in {@link
 * WaitingPurchases}.
 */
public final class OutcomeBook {

    private final Map<UUID, PurchaseDecided> recent;
    private final Set<Buyer> buyers = ConcurrentHashMap.newKeySet();

    public OutcomeBook(int capacity) {
        this.recent = bounded(capacity);
    }

    /** Records an outcome; false when it was already known (a duplicate delivery). */
    public boolean record(PurchaseDecided outcome) {
        if (outcome.confirmed()) {
            buyers.add(new Buyer(outcome.saleId(), outcome.userId()));
        }
        return recent.putIfAbsent(outcome.requestId(), outcome) == null;
    }

    public Optional<PurchaseDecided> find(UUID requestId) {
        return Optional.ofNullable(recent.get(requestId));
    }

    /** Whether this instance knows the shopper holds a confirmed unit of the sale. */
    public boolean hasBought(UUID saleId, UUID userId) {
        return buyers.contains(new Buyer(saleId, userId));
    }

    private static <V> Map<UUID, V> bounded(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, V> eldest) {
                return size() > capacity;
            }
        });
    }

    private record Buyer(UUID saleId, UUID userId) {}
}
