package com.flashsale.edge.purchase.web;

import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.edge.purchase.PurchaseEntry;
import com.flashsale.edge.sale.SaleDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A purchase request as the history routes show it: the product from the edge's copy of its sale,
 * the order's id (the shopper's order number), price paid and currency of a confirmed one (its
 * order's, never the sale's price now).
 */
record PurchaseItem(
        UUID requestId,
        UUID saleId,
        UUID productId,
        String productName,
        UUID userId,
        PurchaseStatus status,
        String reason,
        BigDecimal pricePaid,
        String currency,
        Instant acceptedAt,
        Instant decidedAt,
        UUID orderId) {

    static List<PurchaseItem> of(List<PurchaseEntry> entries, SaleDirectory sales) {
        return entries.stream().map(entry -> of(entry, sales)).toList();
    }

    static PurchaseItem of(PurchaseEntry entry, SaleDirectory sales) {
        SaleDefined sale = sales.find(entry.saleId()).orElse(null);
        return new PurchaseItem(
                entry.requestId(),
                entry.saleId(),
                sale == null ? null : sale.productId(),
                sale == null ? null : sale.productName(),
                entry.userId(),
                entry.status(),
                entry.reason(),
                entry.pricePaid(),
                entry.currency(),
                entry.acceptedAt(),
                entry.decidedAt(),
                entry.orderId());
    }
}
