package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseDecided;
import reactor.core.publisher.Flux;

/**
 * Every request's outcome, one per request id, with the partition and offset it was decided from, as
 * read back for publication ({@link LedgerRows} writes them).
 */
public interface PurchaseOutcomes {

    /** The outcomes decided from the partition's records in [from, to), in offset order. */
    Flux<PurchaseDecided> between(int partition, long from, long to);
}
