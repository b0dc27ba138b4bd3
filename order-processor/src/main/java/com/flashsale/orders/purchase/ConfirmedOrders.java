package com.flashsale.orders.purchase;

import com.flashsale.orders.purchase.PurchaseLedger.Buyer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** The confirmed orders, at most one per shopper and sale, each at the price it was sold at. */
public interface ConfirmedOrders {

    /** The pairs among these sales and shoppers that already hold an order. */
    Mono<Set<Buyer>> buyersAmong(Set<UUID> saleIds, Set<UUID> userIds);

    /** Stores an order for each confirmed decision, at its sale's price and currency now. */
    Mono<Void> add(List<Decision> confirmed, Map<UUID, SaleState> sales, Instant confirmedAt);
}
