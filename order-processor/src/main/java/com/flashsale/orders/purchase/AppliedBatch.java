package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseDecided;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one committed batch of a partition decided: the outcomes to publish, the remaining stock of
 * every sale it touched, and the partition's next offset.
 */
public record AppliedBatch(
        int partition,
        long nextOffset,
        List<PurchaseDecided> outcomes,
        Map<UUID, Integer> remaining,
        Map<UUID, SaleState> sales) {

    static AppliedBatch empty(int partition, long nextOffset) {
        return new AppliedBatch(partition, nextOffset, List.of(), Map.of(), Map.of());
    }
}
