package com.flashsale.edge.sale;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's own copy of every sale and of each sale's last reported stock, kept from the sales
 * and sale-status topics, so the purchase path never asks another service.
 */
public final class SaleDirectory {

    private final ConcurrentHashMap<UUID, SaleDefined> sales = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, SaleStatusChanged> statuses = new ConcurrentHashMap<>();
    private final Set<UUID> rehearsals = ConcurrentHashMap.newKeySet();

    /** Keeps the definition unless a newer version is already known. */
    public void define(SaleDefined sale) {
        sales.merge(sale.saleId(), sale, (old, incoming) -> incoming.version() >= old.version() ? incoming : old);
    }

    /** Records a sale's stock level. */
    public void report(SaleStatusChanged status) {
        statuses.merge(
                status.saleId(),
                status,
                (old, incoming) -> incoming.changedAt().isBefore(old.changedAt()) ? old : incoming);
    }

    /**
     * The partition of the requests topic that holds the sale's requests (all of a sale's are keyed by
     * its id) as order-processor last reported it, or -1 before its first report of the sale.
     */
    public int partitionOf(UUID saleId) {
        SaleStatusChanged status = statuses.get(saleId);
        return status == null ? -1 : Math.max(-1, status.partition());
    }

    public Optional<SaleDefined> find(UUID saleId) {
        return Optional.ofNullable(sales.get(saleId));
    }

    /** Every sale shoppers may see (never a rehearsal's). */
    public Collection<SaleDefined> all() {
        if (rehearsals.isEmpty()) {
            return sales.values();
        }
        return sales.values().stream()
                .filter(sale -> !rehearsals.contains(sale.saleId()))
                .toList();
    }

    /**
     * Knows a sale that exists nowhere else until the returned handle is closed: the warm-up's
     * rehearsal of the purchase route's refusals on a fresh edge. Listed to nobody; found by id only
     * (its id is random and never published); forgotten, with its stock, when closed.
     */
    public AutoCloseable rehearse(SaleDefined sale, SaleStatusChanged status) {
        UUID id = sale.saleId();
        if (sales.putIfAbsent(id, sale) != null) {
            throw new IllegalArgumentException("sale " + id + " exists");
        }
        rehearsals.add(id);
        if (status != null) {
            statuses.put(id, status);
        }
        return () -> {
            sales.remove(id, sale);
            statuses.remove(id);
            rehearsals.remove(id);
        };
    }

    /** True for a sale of the warm-up's rehearsal ({@link #rehearse}): its 202s go to a topic nobody reads. */
    public boolean isRehearsal(UUID saleId) {
        return !rehearsals.isEmpty() && rehearsals.contains(saleId);
    }

    /**
     * Units left as last reported, or null if order-processor has not reported this sale yet. When
     * the definition's stock changed after that report, the units move by the same amount (as
     * order-processor moves them), so a raised stock sells again at once and a lowered one refuses.
     */
    public Integer remaining(UUID saleId) {
        SaleStatusChanged status = statuses.get(saleId);
        if (status == null) {
            return null;
        }
        SaleDefined sale = sales.get(saleId);
        if (sale == null || sale.stock() == status.stock()) {
            return status.remaining();
        }
        return Math.max(0, status.remaining() + sale.stock() - status.stock());
    }
}
