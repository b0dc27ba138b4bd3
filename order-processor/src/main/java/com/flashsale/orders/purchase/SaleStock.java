package com.flashsale.orders.purchase;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** The sales a batch sells from: read and locked for the batch, and their remaining units stored after it. */
public interface SaleStock {

    /** The sales known among {@code saleIds}, locked until the caller's transaction ends. */
    Mono<Map<UUID, SaleState>> lock(Set<UUID> saleIds);

    /** Stores each sale's remaining units. */
    Mono<Void> storeRemaining(Map<UUID, Integer> remaining);
}
