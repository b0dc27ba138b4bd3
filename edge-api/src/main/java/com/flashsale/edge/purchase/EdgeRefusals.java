package com.flashsale.edge.purchase;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The purchase requests this edge refused itself (a 4xx before Kafka), per sale and reason, since it
 * started: they never reach order-processor, so the orders read contract does not know them. Only
 * known sales are counted, so memory stays bounded by the sales.
 */
public final class EdgeRefusals {

    private final ConcurrentHashMap<UUID, ConcurrentHashMap<String, LongAdder>> bySale = new ConcurrentHashMap<>();

    /** One more refusal of a request for the sale with this reason (e.g. SOLD_OUT, TOO_MANY_REQUESTS). */
    public void count(UUID saleId, String reason) {
        // get first: the storm's path finds both maps present and takes no lock.
        ConcurrentHashMap<String, LongAdder> reasons = bySale.get(saleId);
        if (reasons == null) {
            reasons = bySale.computeIfAbsent(saleId, id -> new ConcurrentHashMap<>());
        }
        LongAdder counter = reasons.get(reason);
        if (counter == null) {
            counter = reasons.computeIfAbsent(reason, r -> new LongAdder());
        }
        counter.increment();
    }

    /** The sale's refusals so far, by reason. */
    public Map<String, Long> of(UUID saleId) {
        Map<String, Long> counts = new TreeMap<>();
        ConcurrentHashMap<String, LongAdder> reasons = bySale.get(saleId);
        if (reasons != null) {
            reasons.forEach((reason, counter) -> counts.put(reason, counter.sum()));
        }
        return counts;
    }
}
