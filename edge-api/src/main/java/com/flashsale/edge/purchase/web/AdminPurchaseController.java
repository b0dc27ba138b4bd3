package com.flashsale.edge.purchase.web;

import com.flashsale.edge.purchase.PurchaseTotals;
import com.flashsale.edge.purchase.persistence.R2dbcPurchaseHistory;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.security.Callers;
import com.flashsale.web.ApiProblem;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admin's view of purchases per sale and per user: the decided requests, newest first, paged,
 * with their totals, from order-processor's read contract. Answered here, not by catalog-service:
 * these mappings win over the catalog proxy's catch-all.
 */
@RestController
class AdminPurchaseController {

    private final R2dbcPurchaseHistory stored;
    private final SaleDirectory sales;

    AdminPurchaseController(R2dbcPurchaseHistory stored, SaleDirectory sales) {
        this.stored = stored;
        this.sales = sales;
    }

    @GetMapping("/api/admin/sales/{saleId}/purchases")
    Mono<AdminPurchasePage> ofSale(
            @PathVariable UUID saleId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        Callers.requireAdmin(exchange);
        Paging paging = Paging.of(page, size);
        if (sales.find(saleId).isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + saleId + ".");
        }
        return Mono.zip(
                        stored.ofSale(saleId, paging.offset(), paging.size()).collectList(),
                        stored.totalsOfSale(saleId))
                .map(found -> AdminPurchasePage.of(PurchaseItem.of(found.getT1(), sales), paging, found.getT2()));
    }

    @GetMapping("/api/admin/users/{userId}/purchases")
    Mono<AdminPurchasePage> ofUser(
            @PathVariable UUID userId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        Callers.requireAdmin(exchange);
        Paging paging = Paging.of(page, size);
        return Mono.zip(
                        stored.ofUser(userId, paging.offset(), paging.size()).collectList(),
                        stored.totalsOfUser(userId))
                .map(found -> AdminPurchasePage.of(PurchaseItem.of(found.getT1(), sales), paging, found.getT2()));
    }

    record AdminPurchasePage(List<PurchaseItem> items, int page, int size, long total, PurchaseTotals totals) {

        static AdminPurchasePage of(List<PurchaseItem> items, Paging paging, PurchaseTotals totals) {
            return new AdminPurchasePage(items, paging.page(), paging.size(), totals.requests(), totals);
        }
    }
}
