package com.flashsale.orders.purchase;

import com.flashsale.orders.purchase.PurchaseLedger.Buyer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The rows a batch decides from and the rows it writes: the sales it sells from, the outcomes (one
 * per request id) and the confirmed orders (one per shopper and sale). Each way is one statement of
 * the batch's transaction, because under a storm a round trip to PostgreSQL costs a batch more than
 * its rows do (ADR 0016, docs/benchmarks.md).
 */
public interface LedgerRows {

    /**
     * The sales known among {@code saleIds}, locked until the caller's transaction ends, with the
     * requests among {@code requestIds} already decided and the (sale, shopper) pairs among these
     * that already hold an order. Called after the partition's offsets are locked, so that nothing
     * another consumer of the partition committed is missed.
     */
    Mono<Loaded> load(Set<UUID> saleIds, Set<UUID> requestIds, Set<UUID> userIds);

    /**
     * Stores the batch's decisions as outcomes of the partition decided at {@code decidedAt}, an order
     * for each confirmed one at its sale's price and currency now, and each sale's remaining units.
     */
    Mono<Void> store(
            int partition,
            List<Decision> decisions,
            Map<UUID, SaleState> sales,
            Map<UUID, Integer> remaining,
            Instant decidedAt);

    /** What {@link #load} read. */
    record Loaded(Map<UUID, SaleState> sales, Set<UUID> decided, Set<Buyer> buyers) {}
}
